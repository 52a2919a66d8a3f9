//! The cue words and headings, with the kind each speaks for and its weight.
//!
//! Words are matched on the folded, lower-cased text; each cue counts once.
//! Weights: 3 for words only one kind of mail uses (`人材情報`, `必須スキル`,
//! `セミナー`), 1–2 for strong hints, below 1 for words both kinds use.

use super::Kind;

pub struct CueDef {
    /// Spellings of one cue; the first is the name shown.
    pub words: &'static [&'static str],
    pub kind: Kind,
    pub weight: f32,
}

const fn cue(words: &'static [&'static str], kind: Kind, weight: f32) -> CueDef {
    CueDef {
        words,
        kind,
        weight,
    }
}

use Kind::{Offer, Opening, Other};

pub const CUES: &[CueDef] = &[
    // An engineer offered: the mail is about a person.
    cue(
        &[
            "人材情報",
            "人財情報",
            "要員情報",
            "技術者情報",
            "エンジニア情報",
            "【人材",
            "【要員",
            "■人材",
            "■要員",
            "▼人材",
            "◆人材",
        ],
        Offer,
        3.0,
    ),
    cue(
        &[
            "人材のご紹介",
            "要員のご紹介",
            "人材紹介",
            "人財のご紹介",
            "技術者のご紹介",
            "エンジニアのご紹介",
        ],
        Offer,
        2.5,
    ),
    cue(
        &[
            "弊社人材",
            "弊社要員",
            "弊社エンジニア",
            "弊社の人材",
            "弊社の要員",
            "弊社の技術者",
            "弊社のエンジニア",
        ],
        Offer,
        2.0,
    ),
    cue(&["稼働可能", "稼働可", "即日稼働", "稼動可"], Offer, 1.5),
    cue(&["空き状況", "待機中", "稼働状況", "空き予定"], Offer, 2.0),
    cue(&["最寄駅", "最寄り駅", "最寄"], Offer, 1.0),
    cue(&["イニシャル", "氏名"], Offer, 2.0),
    cue(&["性別", "男性", "女性"], Offer, 1.5),
    cue(&["希望単価", "希望金額", "希望額"], Offer, 2.0),
    cue(
        &[
            "自己pr",
            "アピールポイント",
            "アピール",
            "人物像",
            "人柄",
            "推薦ポイント",
        ],
        Offer,
        1.5,
    ),
    cue(
        &[
            "弊社正社員",
            "弊社社員",
            "弊社契約社員",
            "弊社個人事業主",
            "弊社フリーランス",
            "弊社プロパー",
            "弊社所属",
        ],
        Offer,
        2.5,
    ),
    cue(
        &[
            "社先正社員",
            "社先社員",
            "社先個人",
            "社先フリー",
            "協力会社社員",
            "弊社bp",
            "bp社員",
        ],
        Offer,
        2.0,
    ),
    cue(&["所属"], Offer, 0.5),
    cue(&["国籍:", "国籍 "], Offer, 1.0),
    cue(
        &[
            "案件がございましたら",
            "案件がありましたら",
            "マッチする案件",
            "合う案件",
            "案件をご紹介いただけ",
            "案件をご提案いただけ",
            "参画できる案件",
            "案件を探して",
        ],
        Offer,
        2.5,
    ),
    cue(
        &[
            "スキルシート添付",
            "経歴書添付",
            "スキルシートを添付",
            "経歴書を添付",
        ],
        Offer,
        1.5,
    ),
    cue(&["年齢"], Offer, 0.5),
    // An opening: the mail is about work.
    cue(
        &[
            "案件情報",
            "案件名",
            "案件概要",
            "案件のご紹介",
            "案件のご案内",
            "新着案件",
            "【案件",
            "■案件",
            "▼案件",
            "◆案件",
        ],
        Opening,
        3.0,
    ),
    cue(
        &[
            "必須スキル",
            "必要スキル",
            "求めるスキル",
            "必須要件",
            "必須経験",
            "【必須】",
            "■必須",
            "must:",
        ],
        Opening,
        2.5,
    ),
    cue(&["必須"], Opening, 1.0),
    cue(
        &["尚可", "歓迎スキル", "あれば尚可", "want:", "歓迎"],
        Opening,
        2.0,
    ),
    cue(
        &["業務内容", "作業内容", "仕事内容", "プロジェクト概要"],
        Opening,
        2.0,
    ),
    cue(
        &["作業場所", "勤務地", "就業場所", "勤務場所", "作業場所:"],
        Opening,
        2.0,
    ),
    cue(&["募集人数", "募集人員", "人数:", "募集"], Opening, 2.0),
    cue(
        &["面談回数", "面談:", "面接回数", "面談1回", "面談2回"],
        Opening,
        1.5,
    ),
    cue(&["精算", "清算幅", "140-180h", "140h"], Opening, 1.5),
    cue(&["契約期間", "期間:", "長期"], Opening, 1.0),
    cue(
        &[
            "商流",
            "貴社社員",
            "貴社所属",
            "貴社まで",
            "貴社プロパー",
            "社先まで",
            "御社まで",
        ],
        Opening,
        2.5,
    ),
    cue(
        &[
            "個人事業主不可",
            "個人事業主様不可",
            "フリーランス不可",
            "外国籍不可",
            "外国籍ng",
            "日本国籍のみ",
            "年齢制限",
        ],
        Opening,
        2.0,
    ),
    cue(
        &[
            "ご提案お待ち",
            "ご提案をお待ち",
            "ご提案いただける方",
            "人材を募集",
            "エンジニアを募集",
            "要員を募集",
            "人材を探して",
            "ご提案よろしく",
        ],
        Opening,
        2.0,
    ),
    cue(&["開発環境", "使用技術", "言語/fw"], Opening, 0.5),
    cue(&["開始時期", "参画時期"], Opening, 0.5),
    cue(
        &[
            "requirements",
            "must have",
            "nice to have",
            "job description",
            "responsibilities",
            "position:",
        ],
        Opening,
        3.0,
    ),
    cue(
        &[
            "required skills",
            "skills required",
            "preferred",
            "we are looking for",
            "what we're looking for",
            "[must]",
            "[want]",
            "方を探しています",
            "方を募集",
        ],
        Opening,
        2.5,
    ),
    // Neither: newsletters, events, replies and paperwork.
    cue(
        &["メールマガジン", "メルマガ", "ニュースレター", "newsletter"],
        Other,
        3.5,
    ),
    cue(
        &[
            "セミナー",
            "ウェビナー",
            "webinar",
            "勉強会",
            "交流会",
            "カンファレンス",
            "展示会",
            "説明会",
        ],
        Other,
        3.0,
    ),
    cue(
        &[
            "参加費",
            "参加無料",
            "定員",
            "お申し込み",
            "お申込み",
            "申込",
            "申し込み",
        ],
        Other,
        2.0,
    ),
    cue(&["開催", "日時:", "会場"], Other, 1.0),
    cue(
        &[
            "配信停止",
            "配信解除",
            "登録解除",
            "unsubscribe",
            "配信を希望されない",
        ],
        Other,
        1.0,
    ),
    cue(
        &[
            "キャンペーン",
            "ホワイトペーパー",
            "資料ダウンロード",
            "アンケート",
            "プレゼント",
        ],
        Other,
        2.0,
    ),
    cue(
        &[
            "請求書",
            "見積書",
            "注文書",
            "勤怠",
            "作業報告書",
            "契約書",
            "支払",
        ],
        Other,
        2.5,
    ),
    cue(
        &[
            "承知しました",
            "承知いたしました",
            "かしこまりました",
            "了解しました",
            "確認いたしました",
        ],
        Other,
        1.5,
    ),
    cue(
        &["見送り", "辞退", "決まりました", "充足", "クローズ"],
        Other,
        2.0,
    ),
    cue(
        &["日程調整", "候補日", "ご都合", "面談日程", "面談の結果"],
        Other,
        1.5,
    ),
    cue(
        &[
            "休業",
            "年末年始",
            "夏季休暇",
            "お知らせ",
            "移転",
            "社名変更",
        ],
        Other,
        1.5,
    ),
    cue(
        &["ありがとうございました", "ありがとうございます"],
        Other,
        0.5,
    ),
    cue(&["パスワード", "ログイン", "アカウント"], Other, 1.5),
];
