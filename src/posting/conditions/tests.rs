use super::*;
use crate::posting::eligibility::{age, employees_only, foreign, freelancer};

fn low(s: &str) -> String {
    crate::posting::normalize::Norm::new(s).low
}

#[test]
fn remote_forms() {
    use Remote::*;
    for (text, want) in [
        ("フルリモート", Some(Full)),
        ("フルリモート(地方可)", Some(Full)),
        ("完全在宅", Some(Full)),
        ("フルリモート（初日のみ出社）", Some(Full)),
        ("基本リモート（月1出社）", Some(Partial)),
        ("基本リモート / 月1回程度出社", Some(Partial)),
        ("基本リモート / 最寄り：目黒", Some(Partial)),
        ("週2出社", Some(Partial)),
        ("リモート併用（週2出社）", Some(Partial)),
        ("リモート併用", Some(Partial)),
        ("TW併用 月6回", Some(Partial)),
        ("リモート週2程度", Some(Partial)),
        ("一部リモート", Some(Partial)),
        ("ハイブリッド", Some(Partial)),
        ("参画当初1～2か月はフル出社、その後リモート", Some(Partial)),
        ("フルリモート（週1出社あり）", Some(Partial)),
        ("常駐", Some(None)),
        ("木場常駐", Some(None)),
        ("フル出社", Some(None)),
        ("リモート不可", Some(None)),
        ("Fully remote", Some(Full)),
        ("Hybrid (2 days in office)", Some(Partial)),
        ("On-site in Tokyo", Some(None)),
        // Hybrid wording of real mail.
        ("一部リモ可", Some(Partial)),
        ("リモートと出社のハイブリット", Some(Partial)),
        ("出社頻度：応相談", Some(Partial)),
        ("※リモート頻度は応相談", Some(Partial)),
        ("月・金リモート", Some(Partial)),
        ("水曜日のみ出社", Some(Partial)),
        ("初台：在宅 ※出社が基本", Some(Partial)),
        (
            "基本はリモートだが、必要に応じて顧客先へ出社",
            Some(Partial),
        ),
        // Remote as the rule, office at most once.
        ("基本リモート", Some(Full)),
        ("基本リモート　※地方可", Some(Full)),
        ("原則リモート ※PC初期設定のため1日出社あり", Some(Full)),
        (
            "フルリモート可 ※週1日以上出社可能ですと確度が高くなります",
            Some(Full),
        ),
        // A remote arrangement only hinted at.
        (
            "※基本常駐 慣れてきたらリモート併用の可能性あり。",
            Some(None),
        ),
        ("慣れたらリモート併用可能です", Some(Partial)),
        ("原則オフィスへの出社", Some(None)),
        ("品川", Option::None),
    ] {
        assert_eq!(remote(&low(text)), want, "{text}");
    }
    assert_eq!(remote_value(&low("可")), Some(Partial));
    assert_eq!(remote_value(&low("不可")), Some(None));
    assert_eq!(remote_value(&low("なし")), Some(None));
    assert_eq!(remote_value(&low("○（フル）")), Some(Full));
    assert_eq!(remote_value(&low("リモート")), Some(Full));
}

#[test]
fn chain_forms() {
    for (text, max, fee, plus_one, any) in [
        ("貴社社員まで", Some(0), None, false, false),
        ("貴社所属迄", Some(0), None, false, false),
        ("貴社まで", Some(0), None, false, false),
        ("BP：御社まで", Some(0), None, false, false),
        ("BP：不可", Some(0), None, false, false),
        ("貴社プロパー/フリーランスまで", Some(0), None, false, false),
        ("貴社社員様まで", Some(0), None, false, false),
        ("1社先まで", Some(1), None, false, false),
        ("貴社1社先まで", Some(1), None, false, false),
        ("2社先まで", Some(2), None, false, false),
        ("支援費で1社先可", None, Some(1), false, false),
        ("貴社社員まで（営業支援費可）", Some(0), None, true, false),
        ("貴社の社員まで", Some(0), None, false, false),
        (
            "※営業支援費可能な場合、貴社1社先の社員まで",
            None,
            Some(1),
            true,
            false,
        ),
        (
            "貴社社員様まで（支援費対応不可）",
            Some(0),
            None,
            false,
            false,
        ),
        ("貴社まで(支援費不可)", Some(0), None, false, false),
        (
            "1社先まで（支援費で2社先可）",
            Some(1),
            Some(2),
            false,
            false,
        ),
        ("商流不問", None, None, false, true),
        ("商流は問いません", None, None, false, true),
        ("商流：エンド→元請け→弊社", None, None, false, false),
        ("エンド⇒WL(弊社)", None, None, false, false),
        ("元請直", None, None, false, false),
    ] {
        let c = chain(&low(text));
        assert_eq!(
            (c.max, c.fee, c.fee_plus_one, c.any),
            (max, fee, plus_one, any),
            "{text}"
        );
    }
}

#[test]
fn freelancer_and_nationality() {
    for (text, want) in [
        ("個人事業主不可", Some(false)),
        ("個人事業主様不可", Some(false)),
        ("個人事業主：可", Some(true)),
        ("個人事業主：不可", Some(false)),
        ("フリーランス不可", Some(false)),
        ("フリーランス可", Some(true)),
        ("個人事業主の方は不可", Some(false)),
        ("外国籍・個人事業主NG", Some(false)),
        ("個人事業主　　×", Some(false)),
        ("個人情報の取り扱いについて", None),
        ("No freelancers", Some(false)),
        ("NG：外国籍、個人事業主", Some(false)),
        ("個人　　_不可", Some(false)),
        ("個人　　_可能", Some(true)),
        ("個人事業主可否：不可", Some(false)),
        ("契約形態：業務委託（フリーランス）", Some(true)),
        ("Contract: independent contractor", Some(true)),
        ("No independent contractors", Some(false)),
        ("契約形態：準委任", None),
    ] {
        assert_eq!(freelancer(&low(text)), want, "{text}");
    }
    for (text, want) in [
        ("外国籍不可", Some(false)),
        ("外国籍：NG", Some(false)),
        ("外国籍の方NG", Some(false)),
        ("日本国籍のみ", Some(false)),
        ("日本籍のみ", Some(false)),
        ("日本国籍の方でお願い致します", Some(false)),
        ("外国籍可（日本語流暢な方に限る）", Some(true)),
        ("外国籍/個人事業主：不可", Some(false)),
        ("国籍不問", Some(true)),
        ("外国籍：日本語ビジネスレベル以上であれば可", Some(true)),
        ("Japanese nationals only", Some(false)),
        ("日本語ネイティブレベル", None),
        ("外国籍の方は日本語能力試験N1必須", Some(true)),
        ("外国籍の方へ", None),
        ("外国籍可否：不可", Some(false)),
        ("外国籍　_不可", Some(false)),
    ] {
        assert_eq!(foreign(&low(text)), want, "{text}");
    }
}

#[test]
fn interview_forms() {
    for (text, want) in [
        ("面談1回", Some(1)),
        ("面接回数：1回（上位）", Some(1)),
        ("面談回数：1～2回", Some(2)),
        ("【面談回数】2回(web)", Some(2)),
        ("面談：2回予定", Some(2)),
        ("業務説明1回", Some(1)),
        ("面談1?2回", Some(2)),
        ("面談：元請＋エンドの2回", Some(2)),
        ("2回面談", Some(2)),
        ("週2回出社、面談はWeb", None),
        ("面談なし", Some(0)),
        ("Interviews: 2 rounds", Some(2)),
        ("two rounds of interviews", Some(2)),
        ("1 interview (online)", Some(1)),
        ("面談日程は別途", None),
        ("面談：1回～2回（Web実施）", Some(2)),
        ("面談：弊社事前面談1回＋お客様面談（Web）", Some(2)),
        ("面談 1回+顔合わせ", Some(1)),
        ("打ち合わせ：WEB1回(当社同席)", Some(1)),
        ("顔合わせ回数 2回", Some(2)),
        ("「商談可能日」をご記載ください", None),
    ] {
        assert_eq!(interviews(&low(text)), want, "{text}");
    }
}

#[test]
fn headcount_and_age() {
    for (text, labelled, want) in [
        ("2名", true, Some(2)),
        ("1～2名", true, Some(2)),
        ("若干名", true, None),
        ("Java開発者2名募集", false, Some(2)),
        ("増員2名", false, Some(2)),
        ("3名体制のチーム", false, None),
        ("2 positions", true, Some(2)),
    ] {
        assert_eq!(headcount(&low(text), labelled), want, "{text}");
    }
    for (text, labelled, want) in [
        ("40歳まで", true, Some(40)),
        ("～45歳", true, Some(45)),
        ("45歳以下", false, Some(45)),
        ("50歳未満", false, Some(49)),
        ("30代まで", false, Some(39)),
        ("20代～40代", true, Some(49)),
        ("40代前半まで", false, Some(44)),
        ("年齢不問", true, None),
        ("経験3年以上", false, None),
    ] {
        assert_eq!(age(&low(text), labelled), want, "{text}");
    }
}

#[test]
fn places() {
    for (text, want) in [
        ("品川（リモート併用）", "品川"),
        ("表参道駅", "表参道"),
        ("亀戸（駅徒歩10分）", "亀戸"),
        ("東京都港区", "東京都港区"),
        ("木場常駐", "木場"),
        ("品川駅周辺", "品川"),
        ("Tokyo (Shibuya)", "Tokyo"),
    ] {
        assert_eq!(&text[..place_end(text)], want, "{text}");
    }
    assert!(is_remote_word("フルリモート"));
    assert!(!is_remote_word("品川"));
}

#[test]
fn employees_only_shuts_out_freelancers() {
    for (text, want) in [
        ("貴社社員まで", true),
        ("貴社の社員まで", true),
        ("貴社正社員まで", true),
        ("貴社プロパーのみ", true),
        ("貴社社員・貴社所属の個人事業主まで", false),
        ("貴社所属まで", false),
        ("貴社まで", false),
        ("自社開発企業での正社員経験2年以上", false),
    ] {
        assert_eq!(employees_only(&low(text)), want, "{text}");
    }
}

#[test]
fn office_attendance_written_as_shukkin() {
    use Remote::*;
    for (text, want) in [
        (
            "天王洲アイル（現在は基本在宅ワーク／PC設定時やリリース時に出勤あり）",
            Some(Partial),
        ),
        ("神谷町（オフィス出勤）", Some(None)),
        ("週3日以上オフィスに出勤できる方", Some(Partial)),
        ("基本在宅", Some(Full)),
    ] {
        assert_eq!(remote(&low(text)), want, "{text}");
    }
}
