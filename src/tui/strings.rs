//! The one catalogue of dashboard labels, in English and Japanese.
//!
//! Fixed labels are variants of [`S`]; labels with numbers or names are small
//! functions below, so every word a rep reads on screen is found in this file.

use crate::domain::OpeningStatus;
use crate::i18n::Lang;

use super::action::Action;

macro_rules! catalogue {
    ($($name:ident => $en:expr, $ja:expr;)*) => {
        /// A fixed label.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($name,)* }

        impl S {
            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$name, Lang::En) => $en, (S::$name, Lang::Ja) => $ja,)*
                }
            }
        }
    };
}

catalogue! {
    TabQueue => "Openings", "案件";
    TabFree => "Who's free", "空き状況";
    TabEngineers => "Engineers", "人材";
    TabSearch => "Search", "検索";
    TabPosting => "New posting", "新規案件";
    TabHelp => "Help", "ヘルプ";
    ColWaited => "Wait", "経過";
    ColRank => "Rk", "格";
    ColClient => "Client", "顧客";
    ColTitle => "Title", "案件名";
    ColRate => "Rate", "単価";
    ColStart => "Start", "開始";
    ColRemote => "Rmt", "リモ";
    ColStatus => "Status", "状態";
    ColBest => "Best", "最高";
    ColPassing => "Pass", "候補";
    ColName => "Name", "氏名";
    ColAffiliation => "Affiliation", "所属";
    ColStation => "Station", "最寄駅";
    ColFree => "Free", "稼働可";
    ColSkills => "Skills", "スキル";
    ColScore => "Score", "点";
    ColKind => "Kind", "種別";
    ColExcludedBy => "Excluded by", "除外理由";
    Open => "open", "対応中";
    NewOnly => "new only", "新着のみ";
    All => "all", "すべて";
    Closed => "closed", "終了";
    SortNewest => "newest", "新しい順";
    SortOldest => "oldest", "古い順";
    SortRank => "client rank", "顧客ランク順";
    SortRate => "rate", "単価順";
    SortStart => "start", "開始順";
    SortBest => "best score", "最高点順";
    SortCandidates => "candidates", "候補数順";
    Sort => "sort", "並び";
    Filter => "filter", "絞込";
    Waiting => "unanswered", "未回答";
    Overdue => "over limit", "超過";
    Client => "Client", "顧客";
    SentBy => "Sent by", "送信元";
    Rate => "Rate", "単価";
    Settle => "hours", "精算";
    Start => "Start", "開始";
    Duration => "Term", "期間";
    Location => "Place", "場所";
    Interviews => "Interviews", "面談";
    Received => "Received", "受信";
    Limits => "Limits", "条件";
    Depth => "chain", "商流";
    Freelancer => "freelancer", "個人事業主";
    Foreign => "foreign", "外国籍";
    Must => "Must", "必須";
    Nice => "Nice", "尚可";
    Yes => "ok", "可";
    No => "no", "不可";
    Unknown => "?", "不明";
    Any => "any", "不問";
    None => "none", "なし";
    Review => "check", "要確認";
    ExcludedBecause => "excluded", "除外";
    NoCandidates => "No candidate passes the hard limits: a shows who was excluded and why.", "条件を満たす候補がいません (a で除外理由を表示)";
    NoExcluded => "Nobody is excluded.", "除外された人材はいません";
    NoRotation => "Nobody on an open-ended assignment fits this opening.", "長期参画中の自社要員で合う人はいません";
    RawText => "Posting text", "原文";
    RawEmpty => "(no raw text stored)", "(原文なし)";
    CheckDepth => "chain", "商流";
    CheckFreelancer => "freelancer", "個人";
    CheckNationality => "nationality", "国籍";
    CheckAvailability => "availability", "稼働";
    CheckMargin => "margin", "粗利";
    CheckStale => "stale", "情報古";
    CheckAge => "age", "年齢";
    CheckJapanese => "Japanese", "日本語";
    CheckDistance => "distance", "距離";
    CheckNg => "NG", "本人NG";
    CheckSkills => "no must skill", "必須なし";
    CheckEmployment => "full-time only", "正社員のみ";
    CheckLanguage => "language", "語学";
    CheckQuestions => "2+ questions", "確認事項2件以上";
    MustInPart => "must in part", "必須一部";
    StaleMark => "stale", "古";
    LastOffered => "last offered", "最終紹介";
    StaleHidden => "stale / inactive hidden:", "古い・停止中の要員を非表示:";
    StaleShown => "stale / inactive shown:", "古い・停止中の要員も表示:";
    OwnSection => "Own & contract", "自社・契約";
    PartnerSection => "Partners & freelancers", "パートナー・個人";
    Month => "month", "月";
    Skill => "skill", "スキル";
    SkillPrompt => "Skills (comma-separated, empty clears): ", "スキル (カンマ区切り・空で解除): ";
    NobodyFree => "Nobody is free in this window.", "この期間に空く人材はいません";
    AffiliationLabel => "Affiliation", "所属";
    Partner => "Partner", "パートナー";
    Station => "Station", "最寄駅";
    RemoteWish => "Remote", "リモート希望";
    FreeFrom => "Free from", "稼働可能日";
    Confirmed => "confirmed", "確認";
    Cost => "Cost", "原価";
    Asking => "Asking", "希望単価";
    Nationality => "Foreign", "外国籍";
    ForeignYes => "yes", "はい";
    ForeignNo => "no", "いいえ";
    RemoteFull => "full remote", "フルリモート";
    RemotePartial => "partly remote", "一部リモート";
    RemoteNone => "on site", "常駐";
    AgeBand => "Age", "年代";
    NgLabel => "Will not take (NG)", "NG";
    OutsideTaxonomy => "not in the skill dictionary", "辞書外";
    EmploymentLabel => "Employment", "雇用形態";
    JapaneseLabel => "Japanese", "日本語";
    Skills => "Skills", "スキル";
    Assignments => "Assignments", "参画履歴";
    Proposals => "Proposals", "提案";
    Notes => "Notes", "メモ";
    Loading => "loading…", "読込中…";
    Ranking => "ranking…", "ランキング中…";
    SearchPrompt => "Search: ", "検索: ";
    SearchHint => "Type a name, skill, station, title or client. ↑↓ move · Enter opens · Esc back", "氏名・スキル・駅・案件名・顧客で検索。↑↓ 移動 · Enter 開く · Esc 戻る";
    Searching => "searching…", "検索中…";
    KindEngineer => "ENG", "人材";
    KindOpening => "OPN", "案件";
    PostingTitle => "New posting: paste or type, then Ctrl-S", "新規案件: 貼り付けまたは入力して Ctrl-S";
    PostingPlaceholder => "Paste the posting here (your terminal's paste works), or press e to write it in $EDITOR.", "ここに案件メールを貼り付けてください (端末の貼り付けで可)。e で $EDITOR を開きます。";
    PostingKeys => "Ctrl-S read fields · Ctrl-E $EDITOR · Esc back", "Ctrl-S 読み取り · Ctrl-E $EDITOR · Esc 戻る";
    ReviewTitle => "Parsed fields: correct, then Ctrl-S to save and rank", "読み取り結果: 修正して Ctrl-S で保存・ランキング";
    ReviewKeys => "Enter edit field · e $EDITOR · Ctrl-S save · Esc back to text", "Enter 項目を修正 · e $EDITOR · Ctrl-S 保存 · Esc 本文へ";
    FieldTitle => "Title", "案件名";
    FieldClient => "Client", "顧客";
    FieldRateMin => "Rate from (万)", "単価下限(万)";
    FieldRateMax => "Rate to (万)", "単価上限(万)";
    FieldStart => "Start", "開始";
    FieldRemote => "Remote", "リモート";
    FieldLocation => "Place", "場所";
    FieldInterviews => "Interviews", "面談回数";
    FieldMaxDepth => "Max chain depth", "商流 (何社先まで)";
    FieldFreelancer => "Freelancers", "個人事業主";
    FieldForeign => "Foreign nationals", "外国籍";
    FieldMust => "Must skills", "必須スキル";
    FieldNice => "Nice skills", "尚可スキル";
    ErrTitle => "The title is empty.", "案件名が空です";
    ErrRate => "Rate: a number of 万円 per month, e.g. 65.", "単価は月額の万円で (例: 65)";
    ErrRateOrder => "Rate from is above rate to.", "単価の下限が上限を超えています";
    ErrStart => "Start: 即日/immediate, YYYY-MM or YYYY-MM-DD.", "開始は 即日, YYYY-MM, YYYY-MM-DD のいずれか";
    ErrRemote => "Remote: full, partial or none (フル/一部/常駐).", "リモートは フル/一部/常駐 (full/partial/none)";
    ErrNumber => "A whole number, or empty.", "整数か空欄で";
    ErrYesNo => "可/不可 (yes/no), or empty.", "可/不可 (yes/no) か空欄で";
    ExcludedNotProposed => "Excluded candidates cannot be proposed; check the limits first.", "除外された候補は提案できません (条件を確認してください)";
    NothingSelected => "Nothing selected.", "選択されていません";
    NoOpening => "No opening selected.", "案件が選択されていません";
    Reloaded => "Reloaded.", "再読込しました";
    ChangedElsewhere => "Loaded changes made by another process.", "他の処理による変更を読み込みました";
    EmptyTitle => "The database is empty", "データベースが空です";
    EmptyDemo => "try it on realistic sample data", "サンプルデータで試す";
    EmptyImportEngineers => "your engineers (CSV or JSON)", "人材を取り込む (CSV/JSON)";
    EmptyImportOpenings => "your openings (CSV or JSON)", "案件を取り込む (CSV/JSON)";
    EmptyPaste => "paste one posting here", "案件メールを貼り付けて登録";
    EmptyRefresh => "This screen refreshes by itself once data arrives.", "データが入るとこの画面は自動で切り替わります";
    TooSmall => "Terminal too small: need 60×16", "端末が小さすぎます (60×16 以上)";
    HelpThisScreen => "This screen", "この画面";
    HelpEverywhere => "Everywhere", "どこでも";
    HelpClose => "j/k scroll · Esc or ? closes", "j/k でスクロール · Esc か ? で閉じる";
    ScreenOpening => "Opening", "案件詳細";
    StatusMenuTitle => "Status", "状態";
    Days => "d", "日";
    TabPipeline => "Pipeline", "パイプライン";
    TabChecks => "Checks", "チェック";
    ColOpening => "Opening", "案件";
    ColEngineer => "Engineer", "要員";
    ColStage => "Stage", "段階";
    ColToStart => "Start in", "開始まで";
    ColFlags => "Flags", "注意";
    ColSeverity => "Sev", "重要";
    ColProblem => "Problem", "内容";
    Unsigned => "UNSIGNED", "未契約";
    OldRevision => "old rev", "旧条件";
    PartnerUnconfirmed => "partner unconfirmed", "BP未確認";
    NoProposals => "No proposals yet: p on a candidate of an opening proposes.", "提案はまだありません (案件の候補で p)";
    NoProblems => "No problems found in the profiles.", "経歴の不整合は見つかりませんでした";
    StageMenuTitle => "Move to stage", "段階を変更";
    NotePrompt => "Note (interview feedback, optional): ", "メモ (面談所感など・任意): ";
    StartPrompt => "Agreed start (YYYY-MM-DD, empty for none): ", "内定の開始日 (YYYY-MM-DD・空欄で未定): ";
    PathPrompt => "Write to file: ", "保存先ファイル: ";
    WithdrawTitle => "Withdraw the engineer's other proposals?", "この要員の他の提案を取り下げますか?";
    WithdrawKeys => "y / Enter withdraw all · n / Esc keep them", "y / Enter すべて取り下げ · n / Esc 残す";
    PitchTitle => "Proposal message", "提案文";
    PitchKeys => "c copy (OSC 52) · w write to file · Esc close", "c コピー (OSC 52) · w ファイルに保存 · Esc 閉じる";
    Copied => "Copied to the clipboard (OSC 52: the terminal must allow it).", "クリップボードにコピーしました (端末が OSC 52 に対応している場合)";
    NotProposed => "Not proposed yet: p proposes first.", "未提案です (先に p で提案)";
    ProposeCancelled => "Nothing proposed.", "提案しませんでした";
    ProposeTitle => "Propose", "提案";
    ProposeKeys => "Enter next / propose · ↑ back to the rate · Esc cancel", "Enter 次へ / 提案 · ↑ 単価に戻る · Esc やめる";
    RatePrompt => "Rate (万円, empty for none): ", "単価 (万円・空欄可): ";
    ProposeNotePrompt => "Note (optional): ", "メモ (任意): ";
    NoChecks => "Nothing to check by hand.", "手で確認する条件はありません";
    DismissTitle => "Dismiss this opening (見送り)?", "この案件を見送りにしますか?";
    DismissKeys => "y / Enter dismiss · n / Esc keep", "y / Enter 見送り · n / Esc やめる";
    Booked => "booked", "契約済";
    BookedOpen => "booked, no end date", "契約済 (終了日未定)";
    HelpLegend => "Columns, marks and colours", "列・記号・色の意味";
    NoEngineersYet => "No engineers yet: import your staff with `benchmatch import engineers FILE` (CSV or JSON), or try `benchmatch demo`.", "人材がまだいません: `benchmatch import engineers FILE` (CSV/JSON) で自社要員を取り込んでください (試すなら `benchmatch demo`)";
    NoAssignment => "No assignment to end: signing a proposal books one.", "終了する稼働がありません (契約締結で登録されます)";
    EngineerFormTitle => "Edit engineer", "要員の編集";
    EngineerFormKeys => "Enter edit · Ctrl-S / w save · Esc cancel", "Enter 修正 · Ctrl-S / w 保存 · Esc やめる";
    ConfirmedToday => "Availability confirmed today.", "稼働可能日を本日確認済みにしました";
    EngineerSaved => "Profile saved.", "プロフィールを保存しました";
    NothingToUndo => "Nothing of yours to undo.", "元に戻す操作はありません";
    NothingToRedo => "Nothing undone to redo.", "やり直す操作はありません";
    UndoTitle => "Undo this?", "この操作を元に戻しますか?";
    UndoKeys => "y / Enter undo · n / Esc keep", "y / Enter 元に戻す · n / Esc やめる";
    RedoTitle => "Redo this?", "この操作をやり直しますか?";
    RedoKeys => "y / Enter redo · n / Esc leave", "y / Enter やり直す · n / Esc やめる";
    EndAssignmentPrompt => "Assignment ends on (YYYY-MM-DD): ", "稼働の終了日 (YYYY-MM-DD): ";
    ProposalTermsPrompt => "Rate (万円) | note: ", "単価 (万円) | メモ: ";
    ProposalTermsSaved => "Proposal updated; the change is in its story.", "提案を更新しました (履歴に記録)";
    AddAssignmentPrompt => "On site at: CLIENT SINCE [UNTIL|open] ", "現在の現場: 現場名 開始日 [終了日|長期] ";
    NoNextStage => "This proposal is final: no stage follows.", "この提案は終了しています";
    NotPartner => "Only a partner's engineer needs the partner's confirmation.", "BP確認はパートナー要員のみです";
    ReviseTitle => "Requirements: one key per correction, Ctrl-S saves a new revision", "条件の編集: 1キーで修正、Ctrl-S で改版を保存";
    ReviseTerms => "Terms", "案件条件";
    ReviseAnyOf => "Any of", "いずれか";
    ReviseNoRequirements => "(no requirement read: a adds one)", "(要件なし: a で追加)";
    ReviseNotARequirement => "Choose a requirement row first.", "要件の行を選んでください";
    ReviseRenameOne => "Rename one alternative at a time: Enter edits the group.", "いずれかの要件は Enter で個別に直してください";
    ReviseJoinHow => "Choose requirements with Space, then o joins them as any-of.", "Space で要件を選び、o で「いずれか」に結合します";
    RevisePickTitle => "Which skill? (type to narrow, Enter chooses)", "どのスキル? (入力で絞込、Enter で決定)";
    RevisePickNone => "No skill matches.", "該当するスキルがありません";
    NoChange => "Nothing changed: no new revision.", "変更がないため改版しません";
    HistoryTitle => "Revisions", "改版履歴";
    RerankTitle => "After the revision", "改版後の順位変動";
    Entered => "entered", "新規";
    Left => "left", "圏外";
    Moved => "moved", "変動";
    NoMovement => "The top of the ranking did not change.", "上位の順位に変動はありません";
    Changes => "Changes", "変更点";
    RankMenuTitle => "Client rank", "顧客ランク";
    NoClient => "This opening has no client.", "顧客が未設定です";
    AnsweredNone => "Answered: none available.", "回答済: 該当者なし";
    Incident => "incident", "トラブル";
    CheckError => "error", "誤り";
    CheckWarning => "warn", "注意";
    ScoreWord => "pts", "点";
}

pub fn status(s: OpeningStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (OpeningStatus::New, Lang::En) => "new",
        (OpeningStatus::Answered, Lang::En) => "answered",
        (OpeningStatus::Proposed, Lang::En) => "proposed",
        (OpeningStatus::Won, Lang::En) => "won",
        (OpeningStatus::Lost, Lang::En) => "lost",
        (OpeningStatus::Closed, Lang::En) => "closed",
        (OpeningStatus::Dismissed, Lang::En) => "dismissed",
        (OpeningStatus::New, Lang::Ja) => "新着",
        (OpeningStatus::Answered, Lang::Ja) => "回答済",
        (OpeningStatus::Proposed, Lang::Ja) => "提案済",
        (OpeningStatus::Won, Lang::Ja) => "成約",
        (OpeningStatus::Lost, Lang::Ja) => "失注",
        (OpeningStatus::Closed, Lang::Ja) => "終了",
        (OpeningStatus::Dismissed, Lang::Ja) => "見送り",
    }
}

pub fn ja(lang: Lang) -> bool {
    lang == Lang::Ja
}

pub fn proposed(lang: Lang, name: &str, opening: i64) -> String {
    if ja(lang) {
        format!("提案を記録しました: {name} → #{opening}")
    } else {
        format!("Proposal recorded: {name} for #{opening}")
    }
}

/// The status line while `g` fetches, and when it ends.
pub fn fetch_started(lang: Lang) -> String {
    if ja(lang) {
        "メールを取得しています… (新しい案件は保存され次第表示されます)".into()
    } else {
        "fetching mail… (new openings appear as they are stored)".into()
    }
}

pub fn fetch_running(lang: Lang) -> String {
    if ja(lang) {
        "メールの取得はすでに実行中です".into()
    } else {
        "a fetch is already running".into()
    }
}

pub fn fetch_progress(lang: Lang, done: usize, total: usize) -> String {
    if ja(lang) {
        format!("メール取得中 {done}/{total} 通")
    } else {
        format!("fetching mail {done}/{total}")
    }
}

pub fn fetch_unavailable(lang: Lang, why: &str) -> String {
    if ja(lang) {
        format!("メール取得は使えません: {why}")
    } else {
        format!("no mail fetch: {why}")
    }
}

pub fn fetch_offline(lang: Lang) -> String {
    if ja(lang) {
        "オフラインのため取得できませんでした (0 通)".into()
    } else {
        "offline: 0 fetched".into()
    }
}

pub fn fetch_done(lang: Lang, mails: usize, openings: usize, too_large: usize) -> String {
    let large = match (too_large, ja(lang)) {
        (0, _) => String::new(),
        (n, true) => format!("、サイズ超過で未保存 {n} 通 (fetch --skipped)"),
        (n, false) => format!(", {n} too large, not stored (fetch --skipped)"),
    };
    if ja(lang) {
        format!("メール {mails} 通を取得、新しい案件 {openings} 件{large}")
    } else {
        format!("fetched {mails} mails, {openings} new openings{large}")
    }
}

pub fn fetch_failed(lang: Lang, stored: usize, why: &str) -> String {
    if ja(lang) {
        format!("メール取得が止まりました ({stored} 通は保存済み): {why}")
    } else {
        format!("fetch stopped ({stored} mails stored): {why}")
    }
}

pub fn status_set(lang: Lang, opening: i64, s: OpeningStatus) -> String {
    if ja(lang) {
        format!("#{opening} を「{}」にしました (s で変更)", status(s, lang))
    } else {
        format!("#{opening} is now {} (s to change)", status(s, lang))
    }
}

pub fn saved(lang: Lang, opening: i64) -> String {
    if ja(lang) {
        format!("保存しました: #{opening} (候補をランキング中。この登録は元に戻せません)")
    } else {
        format!("Saved #{opening}; its candidates are ranked below (saving cannot be undone)")
    }
}

/// A pasted posting that was an opening already stored.
pub fn already_stored(lang: Lang, opening: i64, copy: bool) -> String {
    match (ja(lang), copy) {
        (true, false) => format!("同じ案件が登録済みです: #{opening} (追加していません)"),
        (true, true) => format!("転送された同じ案件です: #{opening} の出所に追加しました"),
        (false, false) => format!("Already stored as #{opening}; nothing added"),
        (false, true) => format!("A copy of #{opening}; kept as one of its sources"),
    }
}

pub fn queue_title(lang: Lang, shown: usize, sort: &str, filter: &str) -> String {
    if ja(lang) {
        format!("案件 {shown}件 · 並び: {sort} · 絞込: {filter}")
    } else {
        format!("{shown} openings · sort: {sort} · filter: {filter}")
    }
}

/// The counters in few columns, for when the full words do not fit.
pub fn waiting_short(lang: Lang, unanswered: usize, overdue: usize, hours: i64) -> String {
    if ja(lang) {
        format!("未 {unanswered} · {hours}h超 {overdue}")
    } else {
        format!("{unanswered} new · {overdue} >{hours}h")
    }
}

pub fn waiting(lang: Lang, unanswered: usize, overdue: usize, hours: i64) -> String {
    if ja(lang) {
        format!("未回答 {unanswered} · {hours}h超 {overdue}")
    } else {
        format!("{unanswered} unanswered · {overdue} over {hours}h")
    }
}

pub fn preview_title(lang: Lang, id: i64, passing: usize) -> String {
    if ja(lang) {
        format!("上位候補 #{id} (マッチ {passing}名) · Enter で詳細")
    } else {
        format!("Top candidates for #{id} ({passing} match) · Enter for details")
    }
}

/// The heading row over the 要相談 rows: how many in all, and how many shown.
pub fn consider_heading(lang: Lang, shown: usize, total: usize) -> String {
    match (ja(lang), shown < total) {
        (true, true) => format!("要相談 {total}名 (上位{shown}名を表示)"),
        (true, false) => format!("要相談 {total}名"),
        (false, true) => format!("To discuss (要相談): {total}, top {shown} shown"),
        (false, false) => format!("To discuss (要相談): {total}"),
    }
}

pub fn candidates_title(
    lang: Lang,
    shown: usize,
    matches: usize,
    consider: usize,
    excluded: usize,
) -> String {
    if ja(lang) {
        format!("候補 上位{shown}名 / マッチ {matches}名 · 要相談 {consider}名 (?) · 除外 {excluded}名 (a)")
    } else {
        format!(
            "Top {shown}: {matches} match · {consider} to discuss (?) · {excluded} excluded (a)"
        )
    }
}

/// A proposal whose rate a revision put above the opening's cap.
pub fn rate_above_cap(lang: Lang, rate: crate::domain::Man, cap: crate::domain::Man) -> String {
    if ja(lang) {
        format!("単価超過 {}>{}", rate, cap)
    } else {
        format!("rate {} > cap {}", rate, cap)
    }
}

/// Must groups a revision added that the proposed engineer does not meet.
pub fn musts_unmet(lang: Lang, musts: &[String]) -> String {
    let list = musts.join(", ");
    if ja(lang) {
        format!("必須追加 未充足 {list}")
    } else {
        format!("new must not met: {list}")
    }
}

/// The start date agreed at 内定, on the board.
pub fn agreed_start(lang: Lang, d: chrono::NaiveDate) -> String {
    if ja(lang) {
        format!("内定開始 {}", d.format("%-m/%-d"))
    } else {
        format!("starts {}", d.format("%-m/%-d"))
    }
}

/// The rotation group under the candidates: own staff on open-ended assignments who fit.
pub fn rotation_title(lang: Lang, n: usize) -> String {
    if ja(lang) {
        format!("要調整 (ローテーション) {n}名: 長期参画中の自社要員")
    } else {
        format!("Rotation (要調整) {n}: own staff on open-ended assignments")
    }
}

/// One rotation row: who, how well they fit, where and since when.
pub fn rotation_row(
    lang: Lang,
    name: &str,
    score: f32,
    client: Option<&str>,
    since: chrono::NaiveDate,
    days: i64,
) -> String {
    let at = client.unwrap_or(if ja(lang) { "現場" } else { "site" });
    if ja(lang) {
        format!("{name}  {score:.0}点  {at} に参画中 ({since}〜, {days}日)")
    } else {
        format!("{name}  {score:.0}  at {at} since {since} ({days} days)")
    }
}

pub fn excluded_title(lang: Lang, excluded: usize) -> String {
    if ja(lang) {
        format!("除外 {excluded}名と理由 (a で候補に戻る)")
    } else {
        format!("{excluded} excluded, with why (a: back to candidates)")
    }
}

pub fn breakdown_title(lang: Lang, name: &str, score: f32) -> String {
    if ja(lang) {
        format!("内訳: {name} {score:.0}点")
    } else {
        format!("Why {name}: {score:.0} points")
    }
}

pub fn free_title(lang: Lang, shown: usize, to: &str) -> String {
    if ja(lang) {
        format!("{to}までに空く {shown}名")
    } else {
        format!("{shown} free by {to}")
    }
}

pub fn section(lang: Lang, in_house: bool, n: usize) -> String {
    let label = if in_house {
        S::OwnSection
    } else {
        S::PartnerSection
    };
    format!("{} ({n})", label.t(lang))
}

pub fn matches(lang: Lang, shown: usize, total: usize) -> String {
    match (ja(lang), shown < total) {
        (true, true) => format!("{total}件 (上位{shown}件を表示)"),
        (true, false) => format!("{total}件"),
        (false, true) => format!("{total} matches (best {shown} shown)"),
        (false, false) => format!("{total} matches"),
    }
}

pub fn engineers_title(lang: Lang, n: usize) -> String {
    if ja(lang) {
        format!("人材 {n}名")
    } else {
        format!("{n} engineers")
    }
}

pub fn unknown_skill(lang: Lang, term: &str) -> String {
    if ja(lang) {
        format!("不明なスキル: {term} (benchmatch skills lookup で確認)")
    } else {
        format!("Unknown skill: {term} (try benchmatch skills lookup)")
    }
}

pub fn already_proposed(lang: Lang, name: &str) -> String {
    if ja(lang) {
        format!("{name} はこの案件に提案済みです")
    } else {
        format!("{name} is already proposed for this opening")
    }
}

pub fn editor_failed(lang: Lang, why: &str) -> String {
    if ja(lang) {
        format!("エディタを開けません: {why}")
    } else {
        format!("Cannot run the editor: {why}")
    }
}

pub fn database(lang: Lang, path: &str) -> String {
    if ja(lang) {
        format!("データベース: {path}")
    } else {
        format!("Database: {path}")
    }
}

pub fn help_title(lang: Lang, screen: &str) -> String {
    if ja(lang) {
        format!("キー操作: {screen}")
    } else {
        format!("Keys: {screen}")
    }
}

/// What an action does, as the help screen and the footer show it.
pub fn action_help(a: &Action, lang: Lang) -> &'static str {
    let (en, jp) = match a {
        Action::Up => ("up", "上へ"),
        Action::Down => ("down", "下へ"),
        Action::PageUp => ("page up", "前ページ"),
        Action::PageDown => ("page down", "次ページ"),
        Action::Top => ("first row", "先頭へ"),
        Action::Bottom => ("last row", "末尾へ"),
        Action::Left => ("previous", "前へ"),
        Action::Right => ("next", "次へ"),
        Action::NextPane => ("next pane", "次の枠へ"),
        Action::PrevPane => ("previous pane", "前の枠へ"),
        Action::Open => ("open", "開く"),
        Action::Back => ("back", "戻る"),
        Action::Quit => ("quit", "終了"),
        Action::GoQueue => ("openings (triage)", "案件一覧"),
        Action::GoFree => ("who's free", "空き状況"),
        Action::GoEngineers => ("engineers", "人材一覧"),
        Action::GoPipeline => ("pipeline", "パイプライン"),
        Action::GoChecks => ("profile checks", "経歴チェック"),
        Action::StageMenu => ("move stage", "段階を進める"),
        Action::EditProposal => ("rate / note", "単価・メモ"),
        Action::PartnerConfirmed => ("partner confirmed", "BP確認済"),
        Action::Pitch => ("proposal message", "提案文"),
        Action::Copy => ("copy (OSC 52)", "コピー (OSC 52)"),
        Action::WriteFile => ("write to file", "ファイルに保存"),
        Action::EditRequirements => ("edit requirements", "条件を編集"),
        Action::DropRequirement => ("drop", "削除"),
        Action::MoveToNice => ("must ⇄ nice", "必須⇄尚可"),
        Action::RenameRequirement => ("rename to a skill", "スキル名に変更"),
        Action::MarkRequirement => ("choose", "選択"),
        Action::JoinAnyOf => ("join as any-of", "いずれかで結合"),
        Action::AddRequirement => ("add", "追加"),
        Action::History => ("revisions", "改版履歴"),
        Action::AnswerNone => ("none available", "該当者なしと回答"),
        Action::ClientRank => ("client rank", "顧客ランク"),
        Action::Confirm => ("yes", "はい"),
        Action::Undo => (
            "undo your last action (asks)",
            "直前の自分の操作を元に戻す (確認あり)",
        ),
        Action::Redo => (
            "redo what was undone (asks)",
            "元に戻した操作をやり直す (確認あり)",
        ),
        Action::EditEngineer => ("edit", "編集"),
        Action::ConfirmToday => ("confirmed today", "本日確認"),
        Action::EndAssignment => ("end assignment", "稼働終了日"),
        Action::AddAssignment => ("record the current site", "現在の現場を登録"),
        Action::CopySummary => ("copy the summary (OSC 52)", "要員概要をコピー (OSC 52)"),
        Action::FreeNextMonth => ("free next month", "来月空く人材"),
        Action::Search => ("search", "検索"),
        Action::Help => ("keys", "キー一覧"),
        Action::NewPosting => ("new posting", "新規案件"),
        Action::Refresh => ("reload", "再読込"),
        Action::FetchMail => ("fetch mail", "メール取得"),
        Action::SyncTeam => ("sync with the team", "チーム同期"),
        Action::Propose => ("propose", "提案"),
        Action::StatusMenu => ("set status", "状態を変更"),
        Action::Dismiss => ("dismiss", "見送り"),
        Action::ToggleExcluded => ("excluded / ranked", "除外者の表示切替"),
        Action::ToggleRotation => ("rotation / ranked", "要調整 (社内調整) の表示切替"),
        Action::ToggleRaw => ("posting text", "原文の表示切替"),
        Action::CycleSort => ("sort order", "並び順"),
        Action::CycleFilter => ("status filter", "状態で絞込"),
        Action::SkillFilter => ("filter by skill", "スキルで絞込"),
        Action::CycleMonth => ("month filter", "月で絞込"),
        Action::ToggleStale => ("hide / show stale", "古い要員の表示切替"),
        Action::Editor => ("edit in $EDITOR", "$EDITOR で編集"),
        Action::Parse => ("read fields", "項目を読み取る"),
        Action::Save => ("save and rank", "保存してランキング"),
        Action::Newline => ("new line", "改行"),
        Action::Backspace => ("delete back", "1字削除"),
        Action::Delete => ("delete", "削除"),
        Action::ClearInput => ("clear", "消去"),
        Action::DeleteWord => ("delete word", "1語削除"),
        Action::LineStart => ("line start", "行頭へ"),
        Action::LineEnd => ("line end", "行末へ"),
        _ => ("", ""),
    };
    if ja(lang) {
        jp
    } else {
        en
    }
}

/// The unsigned flag with the days left to the start.
pub fn unsigned(lang: Lang, days: Option<i64>) -> String {
    match (ja(lang), days) {
        (true, Some(d)) if d >= 0 => format!("未契約 開始まで{d}日"),
        (true, Some(d)) => format!("未契約 開始{}日経過", -d),
        (true, None) => "未契約".into(),
        (false, Some(d)) if d >= 0 => format!("UNSIGNED {d}d to start"),
        (false, Some(d)) => format!("UNSIGNED started {}d ago", -d),
        (false, None) => "UNSIGNED".into(),
    }
}

/// The engineer's other open proposals.
pub fn parallel(lang: Lang, n: usize) -> String {
    if ja(lang) {
        format!("他{n}件")
    } else {
        format!("+{n} other")
    }
}

pub fn pipeline_title(lang: Lang, shown: usize, unsigned: usize, urgent: usize) -> String {
    if ja(lang) {
        format!("提案 {shown}件 · 未契約 {unsigned} · 至急 {urgent}")
    } else {
        format!("{shown} proposals · {unsigned} unsigned · {urgent} urgent")
    }
}

pub fn checks_title(lang: Lang, errors: usize, warnings: usize) -> String {
    if ja(lang) {
        format!("経歴チェック: 誤り {errors} · 注意 {warnings}")
    } else {
        format!("Profile checks: {errors} errors · {warnings} warnings")
    }
}

pub fn assignment_ended(lang: Lang, engineer: i64, on: chrono::NaiveDate) -> String {
    if ja(lang) {
        format!("要員 {engineer} の稼働終了日を {on} にしました (翌日から稼働可能)")
    } else {
        format!("Engineer {engineer}'s assignment ends {on}; free from the next day")
    }
}

pub fn assignment_added(
    lang: Lang,
    engineer: i64,
    client: &str,
    until: Option<chrono::NaiveDate>,
) -> String {
    let client = crate::text::cell(client);
    match (ja(lang), until) {
        (true, Some(d)) => format!("要員 {engineer}: {client} に参画中 ({d} まで) を登録しました"),
        (true, None) => {
            format!("要員 {engineer}: {client} に長期参画中を登録しました (要調整に表示)")
        }
        (false, Some(d)) => format!("Engineer {engineer}: on site at {client} until {d}"),
        (false, None) => {
            format!("Engineer {engineer}: on site at {client}, open-ended (listed to rotate)")
        }
    }
}

pub fn bad_date(lang: Lang, text: &str) -> String {
    let text = crate::text::cell(text);
    if ja(lang) {
        format!("「{text}」は日付ではありません (例: 2027-03-31)")
    } else {
        format!("'{text}' is not a date (e.g. 2027-03-31)")
    }
}

pub fn bad_rate(lang: Lang, text: &str) -> String {
    let text = crate::text::cell(text);
    if ja(lang) {
        format!("単価「{text}」は万円の数字ではありません (例: 70)")
    } else {
        format!("rate '{text}' is not a number of 万円 (e.g. 70)")
    }
}

pub fn staged(lang: Lang, id: i64, name: &str, stage: &str) -> String {
    if ja(lang) {
        format!("提案 #{id} ({name}) を「{stage}」にしました")
    } else {
        format!("Proposal #{id} ({name}) is now {stage}")
    }
}

pub fn withdrawn(lang: Lang, n: usize) -> String {
    if ja(lang) {
        format!("{n}件の提案を取り下げました")
    } else {
        format!("Withdrew {n} proposals")
    }
}

pub fn written(lang: Lang, path: &str) -> String {
    if ja(lang) {
        format!("保存しました: {path} (本人のみ読み書き可)")
    } else {
        format!("Written to {path} (owner-only)")
    }
}

pub fn revised(lang: Lang, id: i64, revision: u32) -> String {
    if ja(lang) {
        format!("#{id} を改版しました (rev{revision}、元に戻せません)")
    } else {
        format!("#{id} revised (revision {revision}; cannot be undone)")
    }
}

pub fn rank_set(lang: Lang, client: &str, rank: &str) -> String {
    if ja(lang) {
        format!("{client} のランクを {rank} にしました")
    } else {
        format!("{client} is now rank {rank}")
    }
}

pub fn revision_label(lang: Lang, revision: u32) -> String {
    if ja(lang) {
        format!("第{revision}版")
    } else {
        format!("rev {revision}")
    }
}

pub fn old_revision(lang: Lang, proposed: u32, now: u32) -> String {
    if ja(lang) {
        format!("旧条件 (rev{proposed}→{now})")
    } else {
        format!("old rev {proposed}→{now}")
    }
}

/// What each column, mark and colour of a screen means, for the help: (term, meaning).
pub fn legend(screen: super::app::Screen, lang: Lang) -> Vec<(&'static str, &'static str)> {
    use super::app::Screen;
    let j = ja(lang);
    let pick = |en: &'static [(&'static str, &'static str)],
                jp: &'static [(&'static str, &'static str)]| {
        if j {
            jp.to_vec()
        } else {
            en.to_vec()
        }
    };
    let score: &[(&str, &str)] = if j {
        &[
            ("█▊▌▎", "スコアの棒: 全幅で100点、端数は細い棒 (1/8刻み)"),
            ("緑 / 黄 / 赤", "スコア 70以上 / 50以上 / 50未満"),
            ("!", "手で確認する条件あり (または他案件で契約済・仮押さえ)"),
            ("✓", "この案件に提案済み"),
            ("‼未契約", "内定のまま契約していない (赤は開始が近い)"),
            ("古", "再案内のない古いパートナー要員"),
        ]
    } else {
        &[
            (
                "█▊▌▎",
                "score bar: the full width is 100, thinner blocks for eighths of a cell",
            ),
            ("green / yellow / red", "score 70+ / 50+ / below 50"),
            (
                "!",
                "a limit to check by hand (or booked / held by another opening)",
            ),
            ("✓", "already proposed for this opening"),
            (
                "‼UNSIGNED",
                "offered, not signed (red when the start is near)",
            ),
            ("stale", "a partner engineer not re-offered lately"),
        ]
    };
    match screen {
        Screen::Queue | Screen::Empty => {
            let mut v = pick(
                &[
                    (
                        "Wait",
                        "time since the posting arrived (red past the limit while new)",
                    ),
                    ("Rk", "the client's rank A–D"),
                    ("Rate", "rate band in 万円 a month"),
                    ("Start", "1/15 a day, Jan a month, 2027/1 another year, now"),
                    ("Rmt", "remote: full, part(ly), onsite"),
                    ("Best", "the best candidate's score"),
                    ("Pass", "candidates passing the hard limits (red 0: nobody)"),
                ],
                &[
                    ("経過", "受信からの時間 (未回答のまま期限を過ぎると赤)"),
                    ("格", "顧客ランク A〜D"),
                    ("単価", "月額の単価 (万円)"),
                    ("開始", "1/15 日付、1月 月、2027/1 翌年以降、即日"),
                    ("リモ", "リモート: フル / 一部 / 常駐"),
                    ("最高", "最上位の候補のスコア"),
                    ("候補", "必須条件を満たす候補の数 (赤の0は該当なし)"),
                ],
            );
            v.extend(score.iter().take(3));
            v
        }
        Screen::Opening | Screen::Revise => score.to_vec(),
        Screen::Free => pick(
            &[
                ("█", "on the bench now"),
                ("▓", "assignment ending"),
                ("▒", "joining (no assignment yet)"),
                ("░", "on hold: offered elsewhere, not signed"),
            ],
            &[
                ("█", "待機中"),
                ("▓", "稼働終了予定"),
                ("▒", "参画予定 (稼働なし)"),
                ("░", "仮押さえ: 他案件で内定、未契約"),
            ],
        ),
        Screen::Engineers => pick(
            &[
                (
                    "Free",
                    "free-from date; bench if already free; booked when signed with no end",
                ),
                (
                    "Assignments",
                    "assignments, with the opening a signed proposal booked",
                ),
            ],
            &[
                (
                    "稼働可",
                    "稼働可能日 (既に空いていれば待機、終了日未定の契約は契約済)",
                ),
                (
                    "参画履歴",
                    "稼働の履歴 (契約で登録されたものは案件番号つき)",
                ),
            ],
        ),
        Screen::Pipeline => pick(
            &[
                ("‼UNSIGNED", "offered, not signed (red when urgent)"),
                ("+N other", "the engineer's other open proposals"),
                ("old rev", "proposed under older requirements"),
                (
                    "partner unconfirmed",
                    "the partner has not confirmed the engineer",
                ),
                (
                    "Rate →",
                    "the rate proposed, then each stage with its date and note",
                ),
            ],
            &[
                ("‼未契約", "内定のまま未契約 (赤は至急)"),
                ("他N件", "この要員の他の進行中の提案"),
                ("旧条件", "古い条件で提案した"),
                ("BP未確認", "パートナーの参画確約なし"),
                ("単価 →", "提案単価と、各段階の日付とメモ"),
            ],
        ),
        _ => Vec::new(),
    }
}

/// The status line after undo or redo: which action.
pub fn replayed(lang: Lang, label: &str, undo: bool) -> String {
    match (lang, undo) {
        (Lang::Ja, true) => format!("元に戻しました: 「{label}」"),
        (Lang::Ja, false) => format!("やり直しました: 「{label}」"),
        (Lang::En, true) => format!("undone: '{label}'"),
        (Lang::En, false) => format!("redone: '{label}'"),
    }
}

/// A posting saved from the dashboard, as the journal names it (it cannot be undone).
pub fn new_posting(lang: Lang, title: &str) -> String {
    let title = crate::text::truncate(&crate::text::cell(title), 40);
    match lang {
        Lang::Ja => format!("新しい案件「{title}」の登録"),
        Lang::En => format!("new opening '{title}'"),
    }
}

/// A revision as the journal names it (it cannot be undone: the history keeps it).
pub fn revision_action(lang: Lang, id: i64) -> String {
    if ja(lang) {
        format!("案件 #{id} の改版")
    } else {
        format!("revision of opening #{id}")
    }
}

/// The label of a field of the requirements editor.
pub fn revise_label(key: &str, lang: Lang) -> &'static str {
    let (en, jp) = match key {
        "title" => ("Title", "案件名"),
        "rate_min" => ("Rate from (万)", "単価下限(万)"),
        "rate_max" => ("Rate up to (万)", "単価上限(万)"),
        "start" => ("Start", "開始"),
        "duration" => ("Term", "期間"),
        "location" => ("Place", "場所"),
        "remote" => ("Remote", "リモート"),
        "interviews" => ("Interviews", "面談回数"),
        "max_depth" => ("Chain depth", "商流制限"),
        "freelancer_ok" => ("Freelancer ok", "個人事業主可"),
        "foreign_ok" => ("Foreign ok", "外国籍可"),
        "age_limit" => ("Age limit", "年齢上限"),
        "notes" => ("Notes", "メモ"),
        _ => ("", ""),
    };
    if ja(lang) {
        jp
    } else {
        en
    }
}

/// A value of the requirements editor in the rep's words (`partial` → 一部リモート,
/// `false` → 不可); other values as stored.
pub fn revise_value(key: &str, stored: &str, lang: Lang) -> String {
    let word = match (key, stored) {
        ("remote", "full") => S::RemoteFull,
        ("remote", "partial") => S::RemotePartial,
        ("remote", "none" | "onsite") => S::RemoteNone,
        ("freelancer_ok" | "foreign_ok", "true") => S::Yes,
        ("freelancer_ok" | "foreign_ok", "false") => S::No,
        _ => return stored.to_string(),
    };
    word.t(lang).to_string()
}

pub fn sync_started(lang: Lang) -> String {
    if ja(lang) {
        "チームのハブと同期しています…".into()
    } else {
        "syncing with the team's hub…".into()
    }
}

pub fn sync_done(lang: Lang, sent: usize, received: usize, conflicts: usize) -> String {
    match (ja(lang), conflicts) {
        (true, 0) => format!("同期: 送信 {sent} 件・受信 {received} 件"),
        (true, c) => format!(
            "同期: 送信 {sent} 件・受信 {received} 件・競合 {c} 件 (benchmatch sync conflicts)"
        ),
        (false, 0) => format!("sync: {sent} sent, {received} received"),
        (false, c) => format!(
            "sync: {sent} sent, {received} received, {c} conflicts (benchmatch sync conflicts)"
        ),
    }
}

pub fn sync_up_to_date(lang: Lang) -> String {
    if ja(lang) {
        "同期: 新しい変更はありません".into()
    } else {
        "sync: up to date".into()
    }
}

pub fn sync_not_configured(lang: Lang) -> String {
    if ja(lang) {
        "チームのハブが未設定です: 設定の [sync] に url と token を (docs/team.md)".into()
    } else {
        "no team hub: set [sync] url and token in the config (docs/team.md)".into()
    }
}

/// The one quiet line while the hub cannot be reached.
pub fn sync_offline(lang: Lang) -> String {
    if ja(lang) {
        "同期: オフライン (編集は次の同期まで保存されています)".into()
    } else {
        "sync: offline (edits wait for the next sync)".into()
    }
}

pub fn sync_failed(lang: Lang, reason: &str) -> String {
    if ja(lang) {
        format!("同期できませんでした: {reason}")
    } else {
        format!("sync failed: {reason}")
    }
}

/// Before proposing: another member already proposed this engineer to the same client.
pub fn double_proposal(lang: Lang, by: &str, proposal: i64, title: &str) -> String {
    if ja(lang) {
        format!("二重提案: {by} さんが同じ顧客に提案済み (提案 #{proposal} {title})")
    } else {
        format!("double proposal: {by} already proposed this engineer to this client (proposal #{proposal} {title})")
    }
}
