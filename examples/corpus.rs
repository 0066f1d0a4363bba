//! Writes a synthetic trilingual (en/kk/ru) campaign site in Placard's content format, for
//! benchmarks: `cargo run --release --example corpus -- --docs 3000 --out /tmp/corpus-3000`.
//!
//! Options: `--docs N` (Markdown files in all languages together, default 300), `--out DIR`
//! (the site root; `DIR/content` must not exist unless `--force` is given, which replaces it),
//! `--seed S` (default fixed, so the output is deterministic).
//!
//! The site has several cases of about 50 documents per language each. Every fact refers only to
//! things that exist (sources, provisions, people), every date is valid and within 2024–2026,
//! and about 2% of the translations are left out on purpose to exercise the fallback to English.
//! Documents average about 14 KiB of Markdown with headings, emphasis, lists, a table,
//! footnotes, `@/` links to existing pages and, in about one document in twenty, a code block.
//! Only std is used; the PRNG is a seeded xorshift64*, and every case has its own stream, so
//! cases are written in parallel and the output is the same however many cores write it.
//! The smallest site (one case) has 20 documents; larger `--docs` are met exactly.

use std::collections::HashSet;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

type AnyResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

const LANGS: [&str; 3] = ["en", "kk", "ru"];
const KK: usize = 1;
const DEFAULT_SEED: u64 = 0x504C_4143_4152_4421; // "PLACARD!"
/// Mean Markdown bytes per document (14 KiB); sizes are drawn uniformly around it.
const MEAN_DOC_BYTES: usize = 14 * 1024;
/// English documents (each with two translations) per case.
const DOCS_PER_CASE: usize = 50;

// ---------------------------------------------------------------------------------------------
// Randomness and dates

/// xorshift64* seeded through splitmix64: small, fast and deterministic across platforms.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 1 } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    fn day(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// Between `lo` and `hi` distinct indices of `0..n`, in increasing order.
    fn some(&mut self, n: usize, lo: usize, hi: usize) -> Vec<usize> {
        let k = self.range(lo, hi);
        self.sample(n, k)
    }

    /// `k` distinct indices of `0..n`, in increasing order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all.sort_unstable();
        all
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
const fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn ymd(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

const FIRST_DAY: i64 = days(2024, 1, 1);
const LAST_DAY: i64 = days(2026, 12, 31);
/// The `--today` the benchmarks build with.
const TODAY: i64 = days(2026, 11, 26);

// ---------------------------------------------------------------------------------------------
// Word lists: real words of each language, put together in a plausible order.

struct Lexicon {
    /// Determiners (English only; empty elsewhere).
    det: &'static [&'static str],
    nouns: &'static [&'static str],
    adjs: &'static [&'static str],
    verbs: &'static [&'static str],
    /// Conjunctions and adverbs that join clauses.
    links: &'static [&'static str],
    /// Prepositions (en, ru) or postpositions (kk).
    adps: &'static [&'static str],
}

#[rustfmt::skip]
const LEXICONS: [Lexicon; 3] = [
    Lexicon {
        det: &[
            "the", "a", "this", "that", "every", "their", "his", "her", "our", "its", "one",
        ],
        nouns: &[
            "activist", "protest", "court", "trial", "judge", "prosecutor", "lawyer", "witness",
            "family", "mother", "father", "daughter", "son", "brother", "sister", "journalist",
            "editor", "newspaper", "statement", "appeal", "sentence", "verdict", "charge",
            "article", "code", "law", "right", "freedom", "expression", "assembly", "association",
            "religion", "conscience", "border", "square", "street", "city", "village", "region",
            "province", "police", "officer", "investigator", "detention", "custody", "prison",
            "colony", "cell", "hearing", "session", "evidence", "document", "letter", "petition",
            "complaint", "report", "testimony", "interrogation", "search", "warrant", "camp",
            "relative", "citizen", "citizenship", "passport", "embassy", "consulate", "government",
            "ministry", "parliament", "committee", "council", "organisation", "movement", "group",
            "member", "leader", "chair", "volunteer", "supporter", "crowd", "placard", "banner",
            "slogan", "speech", "video", "photograph", "message", "channel", "account", "post",
            "comment", "interview", "broadcast", "health", "illness", "doctor", "treatment",
            "pressure", "threat", "fear", "safety", "violence", "silence", "justice", "truth",
            "language", "culture", "history", "memory", "community", "neighbour", "friend",
            "colleague", "employer", "salary", "fine", "penalty", "term", "month", "week",
            "morning", "evening", "night", "winter", "spring", "summer", "autumn", "year", "hour",
            "bail", "guarantee", "standard", "covenant", "obligation", "mandate", "rapporteur",
            "opinion", "observer", "monitor", "delegation", "note", "request", "response",
            "decision", "order", "motion", "case", "file", "record", "archive", "campaign",
            "solidarity", "hunger strike", "release", "arrest", "summons", "courtroom", "defence",
            "sanction", "hostage", "exile",
        ],
        adjs: &[
            "peaceful", "unlawful", "arbitrary", "political", "international", "national", "local",
            "official", "independent", "public", "closed", "open", "long", "short", "new", "old",
            "serious", "severe", "vague", "broad", "fair", "unfair", "detained", "missing",
            "elderly", "young", "brave", "quiet", "urgent", "cruel", "repeated", "formal",
            "informal", "credible", "detailed", "anonymous", "regional", "foreign", "domestic",
            "final", "preliminary", "temporary", "indefinite", "collective", "personal",
            "disproportionate", "necessary", "legitimate", "criminal", "administrative", "civil",
            "ethnic", "religious", "harsh", "sudden", "written",
        ],
        verbs: &[
            "detained", "arrested", "charged", "released", "sentenced", "fined", "questioned",
            "searched", "reported", "stated", "demanded", "confirmed", "denied", "appealed",
            "rejected", "upheld", "extended", "postponed", "opened", "closed", "visited", "wrote",
            "published", "signed", "recorded", "collected", "gathered", "protested", "addressed",
            "described", "refused", "ordered", "warned", "summoned", "followed", "watched",
            "supported", "defended", "represented", "requested", "received", "ignored",
            "documented", "raised", "condemned", "urged", "welcomed", "examined", "reviewed",
            "questioned", "met", "called", "joined", "left", "returned", "lost",
        ],
        links: &[
            "and", "but", "because", "although", "while", "after", "before", "since", "until",
            "when", "then", "later", "again", "still", "already", "often", "yet", "also", "however",
            "therefore", "meanwhile", "so", "even though", "as soon as",
        ],
        adps: &[
            "of", "in", "at", "on", "for", "with", "against", "from", "near", "about", "under",
            "after", "before", "during", "despite", "without", "behind", "outside",
        ],
    },
    Lexicon {
        det: &[],
        nouns: &[
            "белсенді", "наразылық", "шеру", "сот", "үкім", "судья", "прокурор", "адвокат", "куә",
            "отбасы", "ана", "әке", "қыз", "ұл", "аға", "әпке", "іні", "қарындас", "журналист",
            "редактор", "газет", "мәлімдеме", "шағым", "айып", "бап", "кодекс", "заң", "құқық",
            "бостандық", "сөз", "жиналыс", "бірлестік", "дін", "ар-ождан", "шекара", "алаң", "көше",
            "қала", "ауыл", "аймақ", "облыс", "полиция", "қызметкер", "тергеуші", "тергеу", "қамау",
            "абақты", "түрме", "колония", "камера", "тыңдау", "отырыс", "дәлел", "құжат", "хат",
            "өтініш", "баяндама", "айғақ", "жауап алу", "тінту", "лагерь", "туыс", "азамат",
            "азаматтық", "төлқұжат", "елшілік", "консулдық", "үкімет", "министрлік", "парламент",
            "комитет", "кеңес", "ұйым", "қозғалыс", "топ", "мүше", "жетекші", "төраға", "ерікті",
            "жақтаушы", "жұрт", "плакат", "ұран", "бейне", "сурет", "хабарлама", "арна", "пікір",
            "сұхбат", "денсаулық", "ауру", "дәрігер", "ем", "қысым", "қорқыту", "қауіп",
            "қауіпсіздік", "зорлық", "үнсіздік", "әділдік", "шындық", "тіл", "мәдениет", "тарих",
            "жад", "қауым", "көрші", "дос", "әріптес", "жұмыс", "жалақы", "айыппұл", "жаза",
            "мерзім", "ай", "апта", "таң", "кеш", "түн", "қыс", "көктем", "жаз", "күз", "жыл",
            "сағат", "кепіл", "кепілдік", "стандарт", "пакт", "міндет", "баяндамашы", "бақылаушы",
            "делегация", "нота", "сұрау", "шешім", "бұйрық", "іс", "мұрағат", "науқан", "ынтымақ",
            "аштық жариялау", "босату", "ұстау", "шақыру", "өмір", "әлем", "ғасыр", "ғалым",
            "ғимарат", "бағыт", "жағдай", "жаңалық", "өңір", "өкімет", "өзгеріс", "үміт", "үндеу",
            "көмек", "шаһар", "жиһаз", "қаһарман", "гауһар", "жиһангез", "әкімдік", "әкім", "әскер",
            "ұлт", "өкіл", "күнделік", "үй", "есік", "жол", "көлік", "пойыз", "әуежай", "мұһит",
            "ақиқат", "халық", "ел", "мемлекет",
        ],
        adjs: &[
            "бейбіт", "заңсыз", "негізсіз", "саяси", "халықаралық", "ұлттық", "жергілікті", "ресми",
            "тәуелсіз", "ашық", "жабық", "ұзақ", "қысқа", "жаңа", "ескі", "ауыр", "қатаң",
            "бұлыңғыр", "кең", "әділ", "әділетсіз", "ұсталған", "жоғалған", "егде", "жас", "батыл",
            "үнсіз", "шұғыл", "қатыгез", "қайталанған", "нақты", "толық", "жасырын", "шетелдік",
            "ішкі", "соңғы", "алдын ала", "уақытша", "мерзімсіз", "ұжымдық", "жеке", "қажетті",
            "заңды", "қылмыстық", "әкімшілік", "азаматтық", "этникалық", "діни", "маңызды",
            "қауіпті", "үлкен", "кішкентай", "бүкіл", "көптеген", "қайғылы", "өткір", "мүмкін",
            "күшті",
        ],
        verbs: &[
            "ұсталды", "қамалды", "айыпталды", "босатылды", "сотталды", "айыппұл салынды",
            "жауап алынды", "тінтілді", "хабарлады", "мәлімдеді", "талап етті", "растады",
            "жоққа шығарды", "шағымданды", "қабылдамады", "өзгеріссіз қалдырды", "ұзартылды",
            "кейінге қалдырылды", "ашылды", "жабылды", "барды", "жазды", "жариялады", "қол қойды",
            "жазып алды", "жинады", "жиналды", "наразылық білдірді", "сөйледі", "куәлік берді",
            "бас тартты", "бұйырды", "ескертті", "шақырылды", "қадағалады", "көрді", "қолдады",
            "қорғады", "өкілдік етті", "сұрады", "алды", "елемеді", "тіркеді", "көтерді",
            "айыптады", "үндеді", "құптады", "қарады", "тексерді", "келді", "кетті", "қайтты",
            "жалғасты", "басталды", "аяқталды", "өтті", "шешті",
        ],
        links: &[
            "және", "бірақ", "себебі", "сондықтан", "алайда", "кейін", "бұрын", "кезінде", "бері",
            "тағы", "әлі", "енді", "қазір", "бүгін", "кеше", "әрдайым", "жиі", "сонымен қатар",
            "дегенмен", "осылайша", "ал", "өйткені", "соның ішінде",
        ],
        adps: &[
            "туралы", "үшін", "бойынша", "қарсы", "арқылы", "кейін", "бұрын", "дейін", "жанында",
            "соң", "сияқты", "қарай", "бірге", "кезінде",
        ],
    },
    Lexicon {
        det: &[],
        nouns: &[
            "активист", "протест", "акция", "митинг", "суд", "процесс", "приговор", "судья",
            "прокурор", "адвокат", "свидетель", "семья", "мать", "отец", "дочь", "сын", "брат",
            "сестра", "журналист", "редактор", "газета", "заявление", "жалоба", "апелляция",
            "обвинение", "статья", "кодекс", "закон", "право", "свобода", "слово", "собрание",
            "объединение", "религия", "совесть", "граница", "площадь", "улица", "город", "село",
            "регион", "область", "полиция", "сотрудник", "следователь", "следствие", "задержание",
            "арест", "стража", "тюрьма", "колония", "камера", "заседание", "слушание",
            "доказательство", "документ", "письмо", "ходатайство", "доклад", "показание", "допрос",
            "обыск", "ордер", "лагерь", "родственник", "гражданин", "гражданство", "паспорт",
            "посольство", "консульство", "правительство", "министерство", "парламент", "комитет",
            "совет", "организация", "движение", "группа", "участник", "лидер", "председатель",
            "волонтёр", "сторонник", "толпа", "плакат", "лозунг", "речь", "видео", "фотография",
            "сообщение", "канал", "интервью", "здоровье", "болезнь", "врач", "лечение", "давление",
            "угроза", "страх", "безопасность", "насилие", "молчание", "справедливость", "правда",
            "язык", "культура", "история", "память", "община", "сосед", "друг", "коллега", "работа",
            "зарплата", "штраф", "наказание", "срок", "месяц", "неделя", "утро", "вечер", "ночь",
            "зима", "весна", "лето", "осень", "год", "час", "залог", "гарантия", "стандарт", "пакт",
            "обязательство", "мандат", "докладчик", "мнение", "наблюдатель", "делегация", "нота",
            "запрос", "ответ", "решение", "постановление", "дело", "архив", "кампания",
            "солидарность", "голодовка", "освобождение", "повестка", "защита", "ссылка", "жильё",
            "ёмкость", "объявление", "подъезд",
        ],
        adjs: &[
            "мирный", "незаконный", "произвольный", "политический", "международный", "национальный",
            "местный", "официальный", "независимый", "публичный", "закрытый", "открытый", "долгий",
            "короткий", "новый", "старый", "серьёзный", "суровый", "расплывчатый", "широкий",
            "справедливый", "несправедливый", "задержанный", "пропавший", "пожилой", "молодой",
            "смелый", "тихий", "срочный", "жестокий", "повторный", "формальный", "подробный",
            "анонимный", "региональный", "иностранный", "окончательный", "предварительный",
            "временный", "бессрочный", "коллективный", "личный", "несоразмерный", "необходимый",
            "законный", "уголовный", "административный", "гражданский", "этнический", "религиозный",
            "важный", "опасный", "большой", "внезапный", "письменный", "тяжёлый",
        ],
        verbs: &[
            "задержали", "арестовали", "обвинили", "освободили", "осудили", "оштрафовали",
            "допросили", "обыскали", "сообщили", "заявили", "потребовали", "подтвердили",
            "отрицали", "обжаловали", "отклонили", "оставили", "продлили", "отложили", "открыли",
            "закрыли", "посетили", "написали", "опубликовали", "подписали", "записали", "собрали",
            "собрались", "протестовали", "выступили", "дали показания", "отказались", "постановили",
            "предупредили", "вызвали", "следили", "наблюдали", "поддержали", "защищали",
            "представляли", "просили", "получили", "проигнорировали", "задокументировали",
            "подняли", "призвали", "приветствовали", "рассмотрели", "изучили", "вернулись",
            "продолжили", "начали", "завершили",
        ],
        links: &[
            "и", "но", "потому что", "хотя", "пока", "после этого", "затем", "позже", "снова",
            "всё ещё", "уже", "часто", "также", "однако", "поэтому", "тем временем", "при этом",
            "кроме того", "тогда", "а", "зато", "впрочем",
        ],
        adps: &[
            "в", "на", "о", "против", "для", "с", "из", "у", "по", "при", "за", "без", "до",
            "после", "возле", "через", "среди", "вокруг",
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// Facts: names, places, laws, sources and demands in each language.

/// (en, kk, ru)
type Tri = [&'static str; 3];

const FIRST_NAMES: &[Tri] = &[
    ["Bekzat", "Бекзат", "Бекзат"],
    ["Aigerim", "Әйгерім", "Айгерим"],
    ["Nurlan", "Нұрлан", "Нурлан"],
    ["Askar", "Асқар", "Аскар"],
    ["Gulnara", "Гүлнара", "Гульнара"],
    ["Dauren", "Дәурен", "Даурен"],
    ["Zhanar", "Жанар", "Жанар"],
    ["Yerlan", "Ерлан", "Ерлан"],
    ["Saule", "Сәуле", "Сауле"],
    ["Marat", "Марат", "Марат"],
    ["Aliya", "Әлия", "Алия"],
    ["Temir", "Темір", "Темир"],
    ["Aizhan", "Айжан", "Айжан"],
    ["Kairat", "Қайрат", "Кайрат"],
    ["Ainur", "Айнұр", "Айнур"],
    ["Serik", "Серік", "Серик"],
    ["Dinara", "Динара", "Динара"],
    ["Galym", "Ғалым", "Галым"],
    ["Nurgul", "Нұргүл", "Нургуль"],
    ["Baurzhan", "Бауыржан", "Бауыржан"],
    ["Madina", "Мадина", "Мадина"],
    ["Yerzhan", "Ержан", "Ержан"],
    ["Assel", "Әсел", "Асель"],
    ["Kanat", "Қанат", "Канат"],
    ["Zhansaya", "Жансая", "Жансая"],
    ["Rustem", "Рүстем", "Рустем"],
    ["Ulzhan", "Ұлжан", "Улжан"],
    ["Daniyar", "Данияр", "Данияр"],
    ["Botagoz", "Ботагөз", "Ботагоз"],
    ["Almas", "Алмас", "Алмас"],
    ["Shynar", "Шынар", "Шынар"],
    ["Yesbol", "Есбол", "Есбол"],
    ["Akbota", "Ақбота", "Акбота"],
    ["Bakhytnur", "Бақытнұр", "Бахытнур"],
    ["Gauhar", "Гауһар", "Гаухар"],
    ["Zhasulan", "Жасұлан", "Жасулан"],
    ["Meruert", "Меруерт", "Меруерт"],
    ["Olzhas", "Олжас", "Олжас"],
    ["Tolkyn", "Толқын", "Толкын"],
    ["Arman", "Арман", "Арман"],
];

const LAST_NAMES: &[Tri] = &[
    ["Maxutkhan", "Мақсұтхан", "Максутхан"],
    ["Nurmukhan", "Нұрмұқан", "Нурмукан"],
    ["Turdybay", "Тұрдыбай", "Турдыбай"],
    ["Serikbay", "Серікбай", "Серикбай"],
    ["Zhaksylyk", "Жақсылық", "Жаксылык"],
    ["Omarkhan", "Омархан", "Омархан"],
    ["Kassym", "Қасым", "Касым"],
    ["Abenuly", "Әбенұлы", "Абенулы"],
    ["Tokhtar", "Тоқтар", "Токтар"],
    ["Yessenkul", "Есенқұл", "Есенкул"],
    ["Baimukhan", "Баймұхан", "Баймухан"],
    ["Ospan", "Оспан", "Оспан"],
    ["Sarsen", "Сәрсен", "Сарсен"],
    ["Akhmet", "Ахмет", "Ахмет"],
    ["Zhumabay", "Жұмабай", "Жумабай"],
    ["Kenzhebek", "Кенжебек", "Кенжебек"],
    ["Orazbay", "Оразбай", "Оразбай"],
    ["Mukhtar", "Мұхтар", "Мухтар"],
    ["Iskak", "Ысқақ", "Искак"],
    ["Shakhan", "Шаһан", "Шахан"],
    ["Dosmagambet", "Досмағамбет", "Досмагамбет"],
    ["Utegen", "Өтеген", "Утеген"],
    ["Kudaibergen", "Құдайберген", "Кудайберген"],
    ["Yerkin", "Еркін", "Еркин"],
    ["Beisen", "Бейсен", "Бейсен"],
    ["Amanzhol", "Аманжол", "Аманжол"],
    ["Nauryzbay", "Наурызбай", "Наурызбай"],
    ["Sultanbek", "Сұлтанбек", "Султанбек"],
    ["Ualikhan", "Уәлихан", "Уалихан"],
    ["Rakhym", "Рақым", "Рахым"],
];

/// (en, kk, ru, slug)
const PLACES: &[[&str; 4]] = &[
    ["Almaty", "Алматы", "Алматы", "almaty"],
    ["Astana", "Астана", "Астана", "astana"],
    ["Shymkent", "Шымкент", "Шымкент", "shymkent"],
    ["Zhanaozen", "Жаңаөзен", "Жанаозен", "zhanaozen"],
    ["Aktau", "Ақтау", "Актау", "aktau"],
    ["Oral", "Орал", "Уральск", "oral"],
    ["Taraz", "Тараз", "Тараз", "taraz"],
    ["Semey", "Семей", "Семей", "semey"],
    ["Atyrau", "Атырау", "Атырау", "atyrau"],
    ["Kyzylorda", "Қызылорда", "Кызылорда", "kyzylorda"],
    ["Karaganda", "Қарағанды", "Караганда", "karaganda"],
    ["Pavlodar", "Павлодар", "Павлодар", "pavlodar"],
    ["Oskemen", "Өскемен", "Усть-Каменогорск", "oskemen"],
    ["Turkistan", "Түркістан", "Туркестан", "turkistan"],
    ["Kostanay", "Қостанай", "Костанай", "kostanay"],
    ["Aktobe", "Ақтөбе", "Актобе", "aktobe"],
    ["Taldykorgan", "Талдықорған", "Талдыкорган", "taldykorgan"],
    ["Kokshetau", "Көкшетау", "Кокшетау", "kokshetau"],
    ["Ekibastuz", "Екібастұз", "Экибастуз", "ekibastuz"],
    ["Zharkent", "Жаркент", "Жаркент", "zharkent"],
    ["Konaev", "Қонаев", "Конаев", "konaev"],
    ["Zhezkazgan", "Жезқазған", "Жезказган", "zhezkazgan"],
    ["Balkhash", "Балқаш", "Балхаш", "balkhash"],
    ["Satpaev", "Сәтбаев", "Сатпаев", "satpaev"],
];

struct Law {
    id: &'static str,
    title: Tri,
    short: Tri,
    penalty: Tri,
}

const NATIONAL: &[Law] = &[
    Law {
        id: "kz-cc-174-2",
        title: [
            "Criminal Code of Kazakhstan, Article 174(2)",
            "Қазақстан Республикасының Қылмыстық кодексі, 174-бап, 2-бөлік",
            "Уголовный кодекс Республики Казахстан, статья 174, часть 2",
        ],
        short: ["Article 174(2)", "174-баптың 2-бөлігі", "ч. 2 ст. 174 УК"],
        penalty: [
            "up to 10 years' imprisonment",
            "10 жылға дейін бас бостандығынан айыру",
            "лишение свободы на срок до 10 лет",
        ],
    },
    Law {
        id: "kz-cc-174-1",
        title: [
            "Criminal Code of Kazakhstan, Article 174(1)",
            "Қазақстан Республикасының Қылмыстық кодексі, 174-бап, 1-бөлік",
            "Уголовный кодекс Республики Казахстан, статья 174, часть 1",
        ],
        short: ["Article 174(1)", "174-баптың 1-бөлігі", "ч. 1 ст. 174 УК"],
        penalty: [
            "up to 7 years' imprisonment",
            "7 жылға дейін бас бостандығынан айыру",
            "лишение свободы на срок до 7 лет",
        ],
    },
    Law {
        id: "kz-cc-272-2",
        title: [
            "Criminal Code of Kazakhstan, Article 272(2)",
            "Қазақстан Республикасының Қылмыстық кодексі, 272-бап, 2-бөлік",
            "Уголовный кодекс Республики Казахстан, статья 272, часть 2",
        ],
        short: ["Article 272(2)", "272-баптың 2-бөлігі", "ч. 2 ст. 272 УК"],
        penalty: [
            "up to 8 years' imprisonment",
            "8 жылға дейін бас бостандығынан айыру",
            "лишение свободы на срок до 8 лет",
        ],
    },
    Law {
        id: "kz-cc-274-2",
        title: [
            "Criminal Code of Kazakhstan, Article 274(2)",
            "Қазақстан Республикасының Қылмыстық кодексі, 274-бап, 2-бөлік",
            "Уголовный кодекс Республики Казахстан, статья 274, часть 2",
        ],
        short: ["Article 274(2)", "274-баптың 2-бөлігі", "ч. 2 ст. 274 УК"],
        penalty: [
            "up to 5 years' restriction of liberty",
            "5 жылға дейін бас бостандығын шектеу",
            "ограничение свободы на срок до 5 лет",
        ],
    },
    Law {
        id: "kz-cc-405-2",
        title: [
            "Criminal Code of Kazakhstan, Article 405(2)",
            "Қазақстан Республикасының Қылмыстық кодексі, 405-бап, 2-бөлік",
            "Уголовный кодекс Республики Казахстан, статья 405, часть 2",
        ],
        short: ["Article 405(2)", "405-баптың 2-бөлігі", "ч. 2 ст. 405 УК"],
        penalty: [
            "up to 6 years' imprisonment",
            "6 жылға дейін бас бостандығынан айыру",
            "лишение свободы на срок до 6 лет",
        ],
    },
    Law {
        id: "kz-cc-400",
        title: [
            "Criminal Code of Kazakhstan, Article 400",
            "Қазақстан Республикасының Қылмыстық кодексі, 400-бап",
            "Уголовный кодекс Республики Казахстан, статья 400",
        ],
        short: ["Article 400", "400-бап", "ст. 400 УК"],
        penalty: [
            "a fine or up to 75 days' arrest",
            "айыппұл немесе 75 тәулікке дейін қамаққа алу",
            "штраф или арест на срок до 75 суток",
        ],
    },
    Law {
        id: "kz-aoc-488",
        title: [
            "Code of Administrative Offences of Kazakhstan, Article 488",
            "Қазақстан Республикасының Әкімшілік құқық бұзушылық туралы кодексі, 488-бап",
            "Кодекс Республики Казахстан об административных правонарушениях, статья 488",
        ],
        short: [
            "Article 488 of the Administrative Code",
            "ӘҚБтК 488-бабы",
            "ст. 488 КоАП",
        ],
        penalty: [
            "a fine or up to 15 days' administrative detention",
            "айыппұл немесе 15 тәулікке дейін әкімшілік қамаққа алу",
            "штраф или административный арест на срок до 15 суток",
        ],
    },
];

const INTERNATIONAL: &[Law] = &[
    Law {
        id: "iccpr-7",
        title: [
            "International Covenant on Civil and Political Rights, Article 7",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 7-бап",
            "Международный пакт о гражданских и политических правах, статья 7",
        ],
        short: ["ICCPR Article 7", "АСҚХП 7-бабы", "ст. 7 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-9",
        title: [
            "International Covenant on Civil and Political Rights, Article 9",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 9-бап",
            "Международный пакт о гражданских и политических правах, статья 9",
        ],
        short: ["ICCPR Article 9", "АСҚХП 9-бабы", "ст. 9 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-14",
        title: [
            "International Covenant on Civil and Political Rights, Article 14",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 14-бап",
            "Международный пакт о гражданских и политических правах, статья 14",
        ],
        short: ["ICCPR Article 14", "АСҚХП 14-бабы", "ст. 14 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-19",
        title: [
            "International Covenant on Civil and Political Rights, Article 19",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 19-бап",
            "Международный пакт о гражданских и политических правах, статья 19",
        ],
        short: ["ICCPR Article 19", "АСҚХП 19-бабы", "ст. 19 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-20-2",
        title: [
            "International Covenant on Civil and Political Rights, Article 20(2)",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 20-бап, 2-тармақ",
            "Международный пакт о гражданских и политических правах, статья 20, пункт 2",
        ],
        short: [
            "ICCPR Article 20(2)",
            "АСҚХП 20-бабының 2-тармағы",
            "п. 2 ст. 20 МПГПП",
        ],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-21",
        title: [
            "International Covenant on Civil and Political Rights, Article 21",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 21-бап",
            "Международный пакт о гражданских и политических правах, статья 21",
        ],
        short: ["ICCPR Article 21", "АСҚХП 21-бабы", "ст. 21 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "iccpr-22",
        title: [
            "International Covenant on Civil and Political Rights, Article 22",
            "Азаматтық және саяси құқықтар туралы халықаралық пакт, 22-бап",
            "Международный пакт о гражданских и политических правах, статья 22",
        ],
        short: ["ICCPR Article 22", "АСҚХП 22-бабы", "ст. 22 МПГПП"],
        penalty: ["", "", ""],
    },
    Law {
        id: "cat-1",
        title: [
            "Convention against Torture, Article 1",
            "Азаптауларға қарсы конвенция, 1-бап",
            "Конвенция против пыток, статья 1",
        ],
        short: [
            "CAT Article 1",
            "Азаптауларға қарсы конвенцияның 1-бабы",
            "ст. 1 КПП",
        ],
        penalty: ["", "", ""],
    },
    Law {
        id: "udhr-19",
        title: [
            "Universal Declaration of Human Rights, Article 19",
            "Адам құқықтарының жалпыға бірдей декларациясы, 19-бап",
            "Всеобщая декларация прав человека, статья 19",
        ],
        short: ["UDHR Article 19", "АҚЖД 19-бабы", "ст. 19 ВДПЧ"],
        penalty: ["", "", ""],
    },
];

/// (id prefix, publisher, language of its reports)
const PUBLISHERS: &[(&str, &str, usize)] = &[
    (
        "iphr",
        "International Partnership for Human Rights (IPHR)",
        0,
    ),
    (
        "kibhr",
        "Kazakhstan International Bureau for Human Rights and Rule of Law (KIBHR)",
        2,
    ),
    ("hrw", "Human Rights Watch", 0),
    ("amnesty", "Amnesty International", 0),
    ("rferl", "Radio Free Europe/Radio Liberty", 0),
    (
        "ohchr",
        "Office of the UN High Commissioner for Human Rights",
        0,
    ),
    ("freedom-now", "Freedom Now", 0),
    ("article19", "ARTICLE 19", 0),
    ("azattyq", "Азаттық радиосы", 1),
    ("kaztag", "КазТАГ", 2),
    ("vlast", "Vlast.kz", 2),
    (
        "fidh",
        "International Federation for Human Rights (FIDH)",
        0,
    ),
    ("crd", "Civil Rights Defenders", 0),
    (
        "odihr",
        "OSCE Office for Democratic Institutions and Human Rights",
        0,
    ),
];

/// Source titles by the language of the source; `{}` is the place.
const SOURCE_TITLES: [&[&str]; 3] = [
    &[
        "Criminalising Peaceful Protest: The Case Against the {} Activists",
        "Kazakhstan: Release Activists Detained in {}",
        "Trial Monitoring Report: {}",
        "Joint Statement on the Prosecution of Activists in {}",
        "Briefing: Detentions after the {} Protest",
        "Urgent Appeal Concerning Activists in {}",
        "{}: Families of Detained Activists Report Harassment",
    ],
    &[
        "{}: белсенділер ісі бойынша сот отырысы",
        "{}: ұсталған белсенділердің туыстары үндеу жариялады",
        "{} қаласындағы наразылық: не белгілі",
    ],
    &[
        "{}: суд над активистами продолжается",
        "{}: родственники задержанных активистов сообщают о давлении",
        "Мониторинг судебного процесса: {}",
    ],
];

/// (id, text in en, kk, ru)
const DEMANDS: &[(&str, Tri)] = &[
    (
        "drop-charges",
        [
            "Drop all charges against the activists",
            "Белсенділерге тағылған барлық айыпты алып тастау",
            "Снять все обвинения с активистов",
        ],
    ),
    (
        "release-detainees",
        [
            "Release everyone detained for peaceful protest",
            "Бейбіт наразылық үшін ұсталғандардың бәрін босату",
            "Освободить всех задержанных за мирный протест",
        ],
    ),
    (
        "fair-trial",
        [
            "Guarantee a fair and open trial",
            "Әділ әрі ашық сот процесіне кепілдік беру",
            "Гарантировать справедливый и открытый суд",
        ],
    ),
    (
        "end-harassment",
        [
            "End the harassment of families",
            "Отбасыларды қудалауды тоқтату",
            "Прекратить преследование семей",
        ],
    ),
    (
        "investigate-ill-treatment",
        [
            "Investigate allegations of ill-treatment",
            "Қатыгез қарым-қатынас туралы шағымдарды тергеу",
            "Расследовать сообщения о жестоком обращении",
        ],
    ),
    (
        "repeal-article",
        [
            "Repeal or amend the article used to prosecute them",
            "Қудалау үшін қолданылған бапты жою немесе өзгерту",
            "Отменить или изменить статью, применяемую для преследования",
        ],
    ),
    (
        "access-to-lawyers",
        [
            "Allow access to lawyers of their choice",
            "Өздері таңдаған адвокатқа қол жеткізуге мүмкіндік беру",
            "Обеспечить доступ к адвокатам по их выбору",
        ],
    ),
];

const CASE_STATUSES: &[&str] = &["investigation", "trial", "appeal", "closed", "ongoing"];
const PERSON_STATUSES: &[&str] = &[
    "custody",
    "house-arrest",
    "administrative-detention",
    "fined",
    "charged",
    "sentenced",
    "released",
    "whereabouts-unknown",
    "in-exile",
];
const DEPRIVED: &[&str] = &[
    "custody",
    "house-arrest",
    "administrative-detention",
    "sentenced",
    "whereabouts-unknown",
];

/// (kind, label in en, kk, ru); `hearing` is listed twice as it is the commonest event.
const KINDS: &[(&str, Tri)] = &[
    (
        "protest",
        ["Protest", "Наразылық акциясы", "Акция протеста"],
    ),
    ("detention", ["Detention", "Ұстау", "Задержание"]),
    ("sentence", ["Sentence", "Үкім", "Приговор"]),
    ("fine", ["Fine", "Айыппұл", "Штраф"]),
    (
        "charge",
        ["Charges brought", "Айып тағылды", "Предъявлено обвинение"],
    ),
    (
        "custody",
        ["Remand in custody", "Қамауға алу", "Заключение под стражу"],
    ),
    (
        "house-arrest",
        ["House arrest", "Үй қамағы", "Домашний арест"],
    ),
    (
        "extension",
        [
            "Custody extended",
            "Қамау мерзімі ұзартылды",
            "Продление срока",
        ],
    ),
    (
        "hearing",
        ["Court hearing", "Сот отырысы", "Судебное заседание"],
    ),
    (
        "hearing",
        [
            "Hearing adjourned",
            "Сот отырысы кейінге қалдырылды",
            "Заседание отложено",
        ],
    ),
    ("verdict", ["Verdict", "Сот шешімі", "Вердикт"]),
    ("release", ["Release", "Босату", "Освобождение"]),
    ("statement", ["Statement", "Мәлімдеме", "Заявление"]),
    (
        "diplomatic-note",
        [
            "Diplomatic note",
            "Дипломатиялық нота",
            "Дипломатическая нота",
        ],
    ),
    (
        "investigation",
        [
            "Investigation opened",
            "Тергеу басталды",
            "Возбуждено расследование",
        ],
    ),
    (
        "disappearance",
        ["Disappearance", "Хабарсыз кету", "Исчезновение"],
    ),
    ("citizenship", ["Citizenship", "Азаматтық", "Гражданство"]),
    (
        "prosecution",
        ["Prosecution", "Қудалау", "Уголовное преследование"],
    ),
    ("opinion", ["Opinion", "Пікір", "Мнение"]),
    (
        "harassment",
        ["Harassment", "Қысым көрсету", "Преследование"],
    ),
    (
        "other",
        ["Other developments", "Басқа оқиғалар", "Другие события"],
    ),
];
const SEASONS: &[&str] = &["spring", "summer", "autumn", "winter"];
const QUALIFIERS: &[&str] = &["about", "after", "before", "by", "early", "mid", "late"];

const LABEL_TIMELINE: Tri = [
    "the timeline",
    "оқиғалар хронологиясы",
    "хронология событий",
];
const LABEL_PEOPLE: Tri = [
    "the people in this case",
    "іске қатысты адамдар",
    "люди по делу",
];
const LABEL_LEGAL: Tri = ["the legal analysis", "құқықтық талдау", "правовой анализ"];
const LABEL_SOURCES: Tri = ["the sources", "дереккөздер", "источники"];
const LABEL_PERSON: Tri = [
    "a detained activist",
    "ұсталған белсенді",
    "задержанный активист",
];
const TABLE_HEADERS: [[&str; 4]; 3] = [
    ["Date", "Person", "Situation", "Days"],
    ["Күні", "Адам", "Жағдайы", "Күн саны"],
    ["Дата", "Лицо", "Положение", "Дней"],
];

// ---------------------------------------------------------------------------------------------
// Prose

/// A page a document may link to, with its link text in each language.
struct Link {
    target: String,
    label: [String; 3],
}

/// Writes Markdown prose in one language.
struct Prose<'a> {
    rng: &'a mut Rng,
    lang: usize,
    links: &'a [Link],
}

fn push_word(s: &mut String, w: &str) {
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(w);
}

/// Upper-cases the first letter of `s` (after any Markdown punctuation).
fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut done = false;
    for c in s.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

impl Prose<'_> {
    fn lex(&self) -> &'static Lexicon {
        &LEXICONS[self.lang]
    }

    fn noun_phrase(&mut self, s: &mut String) {
        let lex = self.lex();
        let mut np = String::with_capacity(40);
        if !lex.det.is_empty() && self.rng.chance(60) {
            push_word(&mut np, self.rng.word(lex.det));
        }
        if self.rng.chance(35) {
            push_word(&mut np, self.rng.word(lex.adjs));
        }
        push_word(&mut np, self.rng.word(lex.nouns));
        match self.rng.below(100) {
            0..=4 => push_word(s, &format!("*{np}*")),
            5..=7 => push_word(s, &format!("**{np}**")),
            8 => push_word(s, &format!("~~{np}~~")),
            _ => push_word(s, &np),
        }
    }

    fn clause(&mut self, s: &mut String) {
        let lex = self.lex();
        if self.lang == KK {
            // Subject-object-verb, postpositions after their noun.
            self.noun_phrase(s);
            if self.rng.chance(40) {
                self.noun_phrase(s);
                push_word(s, self.rng.word(lex.adps));
            }
            self.noun_phrase(s);
            push_word(s, self.rng.word(lex.verbs));
        } else {
            self.noun_phrase(s);
            push_word(s, self.rng.word(lex.verbs));
            self.noun_phrase(s);
            if self.rng.chance(40) {
                push_word(s, self.rng.word(lex.adps));
                self.noun_phrase(s);
            }
        }
    }

    fn link(&mut self) -> String {
        let link = self.rng.pick(self.links);
        format!("[{}]({})", link.label[self.lang], link.target)
    }

    /// One sentence, with a link if asked and there are pages to link to, and a footnote
    /// reference if given.
    fn sentence(&mut self, link: bool, note: Option<usize>) -> String {
        let mut s = String::with_capacity(200);
        self.clause(&mut s);
        for _ in 0..self.rng.below(3) {
            s.push(',');
            push_word(&mut s, self.rng.word(self.lex().links));
            self.clause(&mut s);
        }
        if link && !self.links.is_empty() {
            let l = self.link();
            s.push_str(" (");
            s.push_str(&l);
            s.push(')');
        }
        if let Some(n) = note {
            let _ = write!(s, "[^{n}]");
        }
        s.push('.');
        capitalise(&s)
    }

    /// A paragraph of 3–7 sentences carrying the footnote references given, and a link to
    /// another page half the time, or always if `must_link`.
    fn paragraph(&mut self, out: &mut String, notes: &[usize], must_link: bool) {
        let n = self.rng.range(3, 7).max(notes.len());
        let link_at = if must_link || self.rng.chance(50) {
            self.rng.below(n)
        } else {
            n
        };
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            let s = self.sentence(i == link_at, notes.get(i).copied());
            out.push_str(&s);
        }
        out.push_str("\n\n");
    }

    fn heading(&mut self, out: &mut String, level: usize) {
        let lex = self.lex();
        let mut h = String::new();
        if self.rng.chance(50) {
            push_word(&mut h, self.rng.word(lex.adjs));
        }
        for _ in 0..self.rng.range(1, 3) {
            push_word(&mut h, self.rng.word(lex.nouns));
        }
        out.push_str(&"#".repeat(level));
        out.push(' ');
        out.push_str(&capitalise(&h));
        out.push_str("\n\n");
    }

    fn list(&mut self, out: &mut String, numbered: bool) {
        for i in 0..self.rng.range(3, 6) {
            let mut s = String::new();
            self.clause(&mut s);
            if !self.links.is_empty() && self.rng.chance(25) {
                s.push_str(" — ");
                s.push_str(&self.link());
            }
            if numbered {
                let _ = writeln!(out, "{}. {}", i + 1, capitalise(&s));
            } else {
                let _ = writeln!(out, "- {}", capitalise(&s));
            }
        }
        out.push('\n');
    }

    fn table(&mut self, out: &mut String, names: &[String]) {
        let h = TABLE_HEADERS[self.lang];
        let _ = writeln!(out, "| {} | {} | {} | {} |", h[0], h[1], h[2], h[3]);
        out.push_str("|---|---|---|---:|\n");
        for _ in 0..self.rng.range(3, 8) {
            let day = self.rng.day(FIRST_DAY, TODAY);
            let who = if names.is_empty() {
                LABEL_PERSON[self.lang].to_owned()
            } else {
                self.rng.pick(names).clone()
            };
            let what = capitalise(self.rng.word(self.lex().adjs));
            let n = self.rng.range(1, 900);
            let _ = writeln!(out, "| {} | {who} | {what} | {n} |", ymd(day));
        }
        out.push('\n');
    }

    fn code(&mut self, out: &mut String, case_id: &str) {
        if self.rng.chance(50) {
            let _ = write!(
                out,
                "```json\n{{\n  \"case\": \"{case_id}\",\n  \"documents\": {},\n  \"as_of\": \"{}\",\n  \"verified\": {}\n}}\n```\n\n",
                self.rng.range(1, 200),
                ymd(self.rng.day(FIRST_DAY, TODAY)),
                self.rng.chance(50)
            );
        } else {
            let (id, _) = self.rng.pick(DEMANDS);
            let _ = write!(
                out,
                "```toml\n[[demand]]\nid = \"{id}\"\nprovisions = [\"{}\"]\n```\n\n",
                self.rng.pick(NATIONAL).id
            );
        }
    }

    /// A document body of about `target` bytes (`fixed` bytes of front matter included).
    fn body(
        &mut self,
        target: usize,
        fixed: usize,
        notes: &[String],
        names: &[String],
        code: Option<&str>,
    ) -> String {
        let mut out = String::with_capacity(target + 2048);
        let refs: Vec<usize> = (1..=notes.len()).collect();
        self.paragraph(&mut out, &[], true);
        self.heading(&mut out, 2);
        self.paragraph(&mut out, &refs, false);
        self.list(&mut out, false);
        self.heading(&mut out, 3);
        self.paragraph(&mut out, &[], false);
        self.list(&mut out, true);
        self.heading(&mut out, 2);
        self.paragraph(&mut out, &[], false);
        self.table(&mut out, names);
        if let Some(case_id) = code {
            self.code(&mut out, case_id);
        }
        let tail: usize = notes.iter().map(|n| n.len() + 8).sum::<usize>() + 1;
        // Stop half a paragraph early on average so the mean size lands on the target.
        let stop = target.saturating_sub(fixed + tail + 420);
        let mut since_heading = 0;
        while out.len() < stop {
            if since_heading >= 2 && self.rng.chance(45) {
                let level = if self.rng.chance(60) { 2 } else { 3 };
                self.heading(&mut out, level);
                since_heading = 0;
            }
            if self.rng.chance(6) {
                let numbered = self.rng.chance(50);
                self.list(&mut out, numbered);
            } else {
                self.paragraph(&mut out, &[], false);
            }
            since_heading += 1;
        }
        for (i, note) in notes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {note}", i + 1);
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Files

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn q_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn tri_table(key: &str, values: [&str; 3]) -> String {
    format!(
        "{key} = {{ en = {}, kk = {}, ru = {} }}\n",
        q(values[0]),
        q(values[1]),
        q(values[2])
    )
}

fn front_matter(
    title: Option<&str>,
    summary: Option<&str>,
    demands: &[(String, String)],
) -> String {
    let mut fm = String::from("+++\n");
    if let Some(t) = title {
        let _ = writeln!(fm, "title = {}", q(t));
    }
    if let Some(s) = summary {
        let _ = writeln!(fm, "summary = {}", q(s));
    }
    if !demands.is_empty() {
        fm.push_str("\n[demands]\n");
        for (id, text) in demands {
            let _ = writeln!(fm, "{id} = {}", q(text));
        }
    }
    fm.push_str("+++\n");
    fm
}

#[derive(Default)]
struct Stats {
    docs: AtomicUsize,
    bytes: AtomicUsize,
    toml: AtomicUsize,
}

impl Stats {
    fn md(&self, path: &Path, text: &str) -> io::Result<()> {
        fs::write(path, text)?;
        self.docs.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(text.len(), Ordering::Relaxed);
        Ok(())
    }

    fn toml(&self, path: &Path, text: &str) -> io::Result<()> {
        fs::write(path, text)?;
        self.toml.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// The size of the next document: uniform in ±50% around the mean.
fn doc_target(rng: &mut Rng) -> usize {
    rng.range(MEAN_DOC_BYTES / 2, MEAN_DOC_BYTES * 3 / 2)
}

/// What the documents of one case (or of the site's own pages) share.
struct Docs<'a> {
    stats: &'a Stats,
    /// Pages the prose may link to.
    links: &'a [Link],
    /// Names (or neutral labels) for tables, per language.
    names: &'a [Vec<String>; 3],
    case_id: &'a str,
}

impl Docs<'_> {
    /// One document in one language: front matter and body.
    fn write(
        &self,
        rng: &mut Rng,
        path: &Path,
        lang: usize,
        title: Option<&str>,
        demands: &[(String, String)],
        notes: &[String],
    ) -> io::Result<()> {
        let target = doc_target(rng);
        let code = rng.chance(5);
        let mut prose = Prose {
            rng,
            lang,
            links: self.links,
        };
        // A biography without a title still gets a summary, so front matter is never empty.
        let summary = if title.is_none() || prose.rng.chance(85) {
            Some(prose.sentence(false, None))
        } else {
            None
        };
        let fm = front_matter(title, summary.as_deref(), demands);
        let code = code.then_some(self.case_id);
        let body = prose.body(target, fm.len(), notes, &self.names[lang], code);
        let mut text = fm;
        text.push_str(&body);
        self.stats.md(path, &text)
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: how many cases, how big, which translations are missing.

struct CasePlan {
    index: usize,
    id: String,
    place: usize,
    year: i64,
    people: usize,
    events: usize,
    analyses: usize,
    /// (document index within people, events, analyses in that order; language)
    missing: HashSet<(usize, usize)>,
}

struct Plan {
    cases: Vec<CasePlan>,
}

fn plan(docs: usize, rng: &mut Rng) -> Plan {
    // Each English document has two translations, about 2% of which are left out:
    // docs = 3 * originals - missing, missing ≈ 0.04 * originals.
    let mut originals = ((docs * 100 + 148) / 296).max(7);
    while originals * 3 < docs {
        originals += 1;
    }
    let mut missing = originals * 3 - docs;
    // Two originals are the site's own pages (home and about); the rest are in cases.
    let in_cases = originals - 2;
    let n_cases = ((in_cases + DOCS_PER_CASE / 2) / DOCS_PER_CASE).max(1);
    let mut cases = Vec::with_capacity(n_cases);
    let mut used_ids = HashSet::new();
    for index in 0..n_cases {
        let units = in_cases / n_cases + usize::from(index < in_cases % n_cases);
        let rest = units.saturating_sub(2).max(3);
        let analyses = ((rest * 16 + 50) / 100).max(1);
        let people = ((rest * 36 + 50) / 100).max(1);
        let events = rest.saturating_sub(analyses + people).max(1);
        let place = rng.below(PLACES.len());
        let year = 2024 + rng.below(3) as i64;
        let mut id = format!("{}-{year}", PLACES[place][3]);
        let mut k = 2;
        while used_ids.contains(&id) {
            id = format!("{}-{year}-{k}", PLACES[place][3]);
            k += 1;
        }
        used_ids.insert(id.clone());
        cases.push(CasePlan {
            index,
            id,
            place,
            year,
            people,
            events,
            analyses,
            missing: HashSet::new(),
        });
    }
    // Translations that may be missing: of people, events and analyses, never the case
    // overview or the call to act.
    let candidates: usize = cases
        .iter()
        .map(|c| 2 * (c.people + c.events + c.analyses))
        .sum();
    missing = missing.min(candidates / 4);
    let mut chosen = HashSet::new();
    while chosen.len() < missing {
        chosen.insert(rng.below(candidates));
    }
    let mut chosen: Vec<usize> = chosen.into_iter().collect();
    chosen.sort_unstable();
    let mut base = 0;
    let mut next = chosen.into_iter().peekable();
    for case in &mut cases {
        let size = 2 * (case.people + case.events + case.analyses);
        while let Some(&g) = next.peek() {
            if g >= base + size {
                break;
            }
            let local = g - base;
            case.missing.insert((local / 2, 1 + local % 2));
            next.next();
        }
        base += size;
    }
    Plan { cases }
}

// ---------------------------------------------------------------------------------------------
// Writing a case

struct Source {
    id: String,
    note: String,
}

struct Person {
    id: String,
    names: [String; 3],
    full: bool,
}

fn write_case(root: &Path, case: &CasePlan, seed: u64, stats: &Stats) -> AnyResult<()> {
    let rng = &mut Rng::new(seed ^ (case.index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let dir = root.join("content/cases").join(&case.id);
    for sub in ["people", "timeline", "legal"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    let place = PLACES[case.place];

    // case.toml
    let year_start = days(case.year, 1, 1);
    let year_end = days(case.year, 12, 31).min(days(2026, 9, 30));
    let started = rng.day(year_start, year_end);
    let as_of = rng.day(started + 14, TODAY);
    let mut toml = String::new();
    let _ = writeln!(toml, "status = {}", q(rng.word(CASE_STATUSES)));
    toml.push_str("country = \"KZ\"\n");
    let _ = writeln!(toml, "started = {}", q(&ymd(started)));
    let _ = writeln!(toml, "as_of = {}", q(&ymd(as_of)));
    if rng.chance(50) {
        let _ = writeln!(toml, "order = {}", case.index + 1);
    }
    let mut sources: Vec<Source> = Vec::new();
    let mut source_toml = String::new();
    for (n, p) in rng.some(PUBLISHERS.len(), 3, 6).into_iter().enumerate() {
        let (prefix, publisher, language) = PUBLISHERS[p];
        let date = rng.day(started, as_of);
        let id = format!("{prefix}-{}", civil(date).0);
        let title = rng
            .pick(SOURCE_TITLES[language])
            .replace("{}", place[language]);
        let _ = writeln!(source_toml, "\n[[source]]\nid = {}", q(&id));
        let _ = writeln!(source_toml, "title = {}", q(&title));
        let _ = writeln!(source_toml, "publisher = {}", q(publisher));
        let _ = writeln!(source_toml, "date = {}", q(&ymd(date)));
        if rng.chance(80) {
            let url = format!("https://example.org/{prefix}/{}/{}", case.id, n + 1);
            let _ = writeln!(source_toml, "url = {}", q(&url));
        }
        let _ = writeln!(source_toml, "language = {}", q(LANGS[language]));
        sources.push(Source {
            note: format!("{title}, {publisher}, {}.", ymd(date)),
            id,
        });
    }
    let source_ids = |rng: &mut Rng, lo: usize, hi: usize| -> Vec<String> {
        rng.some(sources.len(), lo, hi)
            .into_iter()
            .map(|i| sources[i].id.clone())
            .collect()
    };
    let _ = writeln!(toml, "sources = {}", q_list(&source_ids(rng, 1, 2)));
    toml.push_str(&source_toml);

    // laws.toml
    let nationals: Vec<&Law> = rng
        .some(NATIONAL.len(), 2, 4)
        .into_iter()
        .map(|i| &NATIONAL[i])
        .collect();
    let standards: Vec<&Law> = rng
        .some(INTERNATIONAL.len(), 3, 5)
        .into_iter()
        .map(|i| &INTERNATIONAL[i])
        .collect();
    let pick_laws = |rng: &mut Rng, laws: &[&Law], lo: usize, hi: usize| -> Vec<String> {
        rng.some(laws.len(), lo, hi)
            .into_iter()
            .map(|i| laws[i].id.to_owned())
            .collect()
    };
    let mut laws = String::new();
    for law in &nationals {
        let _ = writeln!(
            laws,
            "[[provision]]\nid = {}\nkind = \"national\"",
            q(law.id)
        );
        laws.push_str(&tri_table("title", law.title));
        let engages = pick_laws(rng, &standards, 1, 3);
        let _ = writeln!(laws, "engages = {}", q_list(&engages));
        if rng.chance(70) {
            laws.push_str(&tri_table("max_penalty", law.penalty));
        }
        let _ = writeln!(laws, "sources = {}\n", q_list(&source_ids(rng, 1, 2)));
    }
    for law in &standards {
        let _ = writeln!(
            laws,
            "[[provision]]\nid = {}\nkind = \"international\"",
            q(law.id)
        );
        laws.push_str(&tri_table("title", law.title));
        let _ = writeln!(laws, "sources = {}\n", q_list(&source_ids(rng, 1, 1)));
    }
    stats.toml(&dir.join("laws.toml"), &laws)?;

    // people
    let mut people: Vec<Person> = Vec::with_capacity(case.people);
    let mut defendants: Vec<usize> = Vec::new();
    let mut person_tomls = Vec::with_capacity(case.people);
    for i in 0..case.people {
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        let mut id = format!("{}-{}", first[0], last[0]).to_ascii_lowercase();
        if people.iter().any(|p| p.id == id) {
            id = format!("{id}-{}", i + 1);
        }
        let defendant = rng.chance(85);
        if defendant {
            defendants.push(i);
        }
        let status = *rng.pick(PERSON_STATUSES);
        let visibility = match rng.below(100) {
            0..=79 => "full",
            80..=94 => "initials",
            _ => "anonymous",
        };
        let mut t = String::new();
        let _ = writeln!(
            t,
            "role = {}",
            q(if defendant { "defendant" } else { "related" })
        );
        let _ = writeln!(t, "status = {}", q(status));
        let detained = DEPRIVED.contains(&status)
            || (["released", "fined", "charged"].contains(&status) && rng.chance(50));
        if detained {
            let _ = writeln!(t, "detained_on = {}", q(&ymd(rng.day(started, as_of))));
        }
        if defendant {
            let _ = writeln!(t, "charges = {}", q_list(&pick_laws(rng, &nationals, 1, 2)));
        }
        let _ = writeln!(t, "visibility = {}", q(visibility));
        let _ = writeln!(t, "sources = {}", q_list(&source_ids(rng, 1, 2)));
        let names = [0, 1, 2].map(|l| format!("{} {}", first[l], last[l]));
        t.push_str("\n[name]\n");
        for (l, name) in names.iter().enumerate() {
            let _ = writeln!(t, "{} = {}", LANGS[l], q(name));
        }
        person_tomls.push(t);
        people.push(Person {
            id,
            names,
            full: visibility == "full",
        });
    }
    for (p, t) in people.iter().zip(&person_tomls) {
        stats.toml(&dir.join("people").join(format!("{}.toml", p.id)), t)?;
    }

    // Demands go in case.toml; their text in act.LANG.md.
    let demands: Vec<usize> = rng.some(DEMANDS.len(), 2, 4);
    for &d in &demands {
        let _ = writeln!(toml, "\n[[demand]]\nid = {}", q(DEMANDS[d].0));
        if rng.chance(50) {
            let _ = writeln!(
                toml,
                "provisions = {}",
                q_list(&pick_laws(rng, &nationals, 1, 2))
            );
        }
        if !defendants.is_empty() && rng.chance(40) {
            let ids: Vec<String> = rng
                .some(defendants.len(), 1, 3)
                .into_iter()
                .map(|i| people[defendants[i]].id.clone())
                .collect();
            let _ = writeln!(toml, "people = {}", q_list(&ids));
        }
    }
    stats.toml(&dir.join("case.toml"), &toml)?;

    // Timeline facts; their prose follows once every page is known.
    let mut events: Vec<(String, Tri)> = Vec::with_capacity(case.events);
    for i in 0..case.events {
        let day = if rng.chance(5) {
            rng.day(TODAY + 1, LAST_DAY)
        } else {
            rng.day(started, as_of)
        };
        let (y, m, _) = civil(day);
        let mut t = String::new();
        let date = match rng.below(100) {
            0..=84 => ymd(day),
            85..=91 => format!("{y:04}-{m:02}"),
            92..=95 => {
                let _ = writeln!(t, "season = {}", q(rng.word(SEASONS)));
                format!("{y:04}")
            }
            _ => {
                let _ = writeln!(t, "qualifier = {}", q(rng.word(QUALIFIERS)));
                ymd(day)
            }
        };
        let (kind, label) = *rng.pick(KINDS);
        let mut id = format!("{date}-{kind}");
        if events.iter().any(|(e, _)| *e == id) {
            id = format!("{date}-{kind}-{}", i + 1);
        }
        let mut toml = format!("date = {}\n", q(&date));
        toml.push_str(&t);
        if rng.chance(10) {
            let _ = writeln!(toml, "order = {}", rng.range(1, 3));
        }
        let _ = writeln!(toml, "kind = {}", q(kind));
        if rng.chance(60) {
            let ids: Vec<String> = rng
                .some(people.len(), 1, 3)
                .into_iter()
                .map(|i| people[i].id.clone())
                .collect();
            let _ = writeln!(toml, "people = {}", q_list(&ids));
        }
        if rng.chance(30) {
            let ids = pick_laws(rng, &nationals, 1, 2);
            let _ = writeln!(toml, "provisions = {}", q_list(&ids));
        }
        let _ = writeln!(toml, "sources = {}", q_list(&source_ids(rng, 1, 2)));
        stats.toml(&dir.join("timeline").join(format!("{id}.toml")), &toml)?;
        events.push((id, label));
    }

    // Legal analysis facts.
    let mut analyses: Vec<(String, [String; 3])> = Vec::with_capacity(case.analyses);
    for i in 0..case.analyses {
        let provisions: Vec<&Law> = rng
            .some(nationals.len(), 1, 2)
            .into_iter()
            .map(|k| nationals[k])
            .collect();
        let against: Vec<&Law> = rng
            .some(standards.len(), 1, 3)
            .into_iter()
            .map(|k| standards[k])
            .collect();
        let id = format!("{}-analysis-{}", provisions[0].id, i + 1);
        let mut toml = format!("order = {}\n", i + 1);
        let ids = |laws: &[&Law]| laws.iter().map(|l| l.id.to_owned()).collect::<Vec<_>>();
        let _ = writeln!(toml, "provisions = {}", q_list(&ids(&provisions)));
        let _ = writeln!(toml, "standards = {}", q_list(&ids(&against)));
        let _ = writeln!(toml, "sources = {}", q_list(&source_ids(rng, 1, 3)));
        stats.toml(&dir.join("legal").join(format!("{id}.toml")), &toml)?;
        let joiner = [" against ", " және ", " и "];
        let title = [0, 1, 2].map(|l| {
            format!(
                "{}{}{}",
                provisions[0].short[l], joiner[l], against[0].short[l]
            )
        });
        analyses.push((id, title));
    }

    // What prose may link to: the case's pages, its people, analyses and some events.
    let base = format!("@/cases/{}", case.id);
    let case_title = [
        format!("The {} case", place[0]),
        format!("{} ісі", place[1]),
        format!("Дело активистов ({})", place[2]),
    ];
    let act_title = [
        "What you can do",
        "Сіз не істей аласыз",
        "Что вы можете сделать",
    ];
    let mut links: Vec<Link> = [
        ("timeline", LABEL_TIMELINE),
        ("people", LABEL_PEOPLE),
        ("legal", LABEL_LEGAL),
        ("sources", LABEL_SOURCES),
        ("act", act_title),
    ]
    .into_iter()
    .map(|(page, label)| Link {
        target: format!("{base}/{page}.md"),
        label: label.map(str::to_owned),
    })
    .collect();
    links.push(Link {
        target: format!("{base}/index.md"),
        label: case_title.clone(),
    });
    for p in &people {
        let label = if p.full {
            p.names.clone()
        } else {
            LABEL_PERSON.map(str::to_owned)
        };
        let target = format!("{base}/people/{}.md", p.id);
        links.push(Link { target, label });
    }
    for (id, title) in &analyses {
        let target = format!("{base}/legal/{id}.md");
        links.push(Link {
            target,
            label: title.clone(),
        });
    }
    for (id, label) in events.iter().step_by(4) {
        let target = format!("{base}/timeline/{id}.md");
        links.push(Link {
            target,
            label: label.map(str::to_owned),
        });
    }
    let names: [Vec<String>; 3] = [0, 1, 2].map(|l| {
        people
            .iter()
            .map(|p| {
                if p.full {
                    p.names[l].clone()
                } else {
                    LABEL_PERSON[l].to_owned()
                }
            })
            .collect()
    });
    let notes = |rng: &mut Rng, lo: usize, hi: usize| -> Vec<String> {
        (0..rng.range(lo, hi))
            .map(|_| rng.pick(&sources).note.clone())
            .collect()
    };
    let docs = Docs {
        stats,
        links: &links,
        names: &names,
        case_id: &case.id,
    };

    // index.LANG.md and act.LANG.md
    for lang in 0..3 {
        let path = dir.join(format!("index.{}.md", LANGS[lang]));
        let n = notes(rng, 2, 5);
        docs.write(rng, &path, lang, Some(&case_title[lang]), &[], &n)?;
        let texts: Vec<(String, String)> = demands
            .iter()
            .map(|&d| (DEMANDS[d].0.to_owned(), DEMANDS[d].1[lang].to_owned()))
            .collect();
        let path = dir.join(format!("act.{}.md", LANGS[lang]));
        let n = notes(rng, 2, 4);
        docs.write(rng, &path, lang, Some(act_title[lang]), &texts, &n)?;
    }

    // Translations are left out by document number: people, then events, then analyses.
    let mut doc = 0;
    let langs_of = |doc: &mut usize| {
        let langs: Vec<usize> = (0..3)
            .filter(|&l| !case.missing.contains(&(*doc, l)))
            .collect();
        *doc += 1;
        langs
    };

    // Biographies: a title (the name) for half of those whose name is shown.
    for p in &people {
        let titled = p.full && rng.chance(50);
        for lang in langs_of(&mut doc) {
            let path = dir
                .join("people")
                .join(format!("{}.{}.md", p.id, LANGS[lang]));
            let title = titled.then_some(p.names[lang].as_str());
            let n = notes(rng, 2, 4);
            docs.write(rng, &path, lang, title, &[], &n)?;
        }
    }

    // Events in words.
    for (id, label) in &events {
        for lang in langs_of(&mut doc) {
            let path = dir
                .join("timeline")
                .join(format!("{id}.{}.md", LANGS[lang]));
            let title = format!("{}: {}", label[lang], place[lang]);
            let n = notes(rng, 1, 3);
            docs.write(rng, &path, lang, Some(&title), &[], &n)?;
        }
    }

    // Legal analyses: more footnotes, for citations.
    for (id, title) in &analyses {
        for lang in langs_of(&mut doc) {
            let path = dir.join("legal").join(format!("{id}.{}.md", LANGS[lang]));
            let n = notes(rng, 4, 8);
            docs.write(rng, &path, lang, Some(&title[lang]), &[], &n)?;
        }
    }
    Ok(())
}

/// content/site.toml, index.LANG.md and about.LANG.md.
fn write_site(root: &Path, plan: &Plan, seed: u64, stats: &Stats) -> AnyResult<()> {
    let content = root.join("content");
    fs::create_dir_all(content.join("cases"))?;
    let mut site = String::new();
    site.push_str(&tri_table(
        "title",
        [
            "Free the activists of Kazakhstan",
            "Қазақстан белсенділеріне бостандық",
            "Свободу активистам Казахстана",
        ],
    ));
    site.push_str("base_url = \"https://example.org/\"\nsource_language = \"en\"\n");
    site.push_str(&tri_table(
        "publisher",
        [
            "Placard benchmark corpus",
            "Placard сынақ корпусы",
            "Тестовый корпус Placard",
        ],
    ));
    for (code, name) in [("en", "English"), ("kk", "Қазақша"), ("ru", "Русский")] {
        let _ = write!(
            site,
            "\n[[languages]]\ncode = {}\nname = {}\n",
            q(code),
            q(name)
        );
    }
    stats.toml(&content.join("site.toml"), &site)?;

    let rng = &mut Rng::new(seed);
    let about = ["About this campaign", "Науқан туралы", "О кампании"];
    let home = [
        "Free the activists",
        "Белсенділерге бостандық",
        "Свободу активистам",
    ];
    let mut links = vec![
        Link {
            target: "@/index.md".to_owned(),
            label: home.map(str::to_owned),
        },
        Link {
            target: "@/about.md".to_owned(),
            label: about.map(str::to_owned),
        },
    ];
    for c in plan.cases.iter().take(12) {
        let p = PLACES[c.place];
        let case = |page: &str, label: [String; 3]| Link {
            target: format!("@/cases/{}/{page}.md", c.id),
            label,
        };
        links.push(case("index", [0, 1, 2].map(|l| p[l].to_owned())));
        links.push(case(
            "timeline",
            [
                format!("{}: timeline", p[0]),
                format!("{}: хронология", p[1]),
                format!("{}: хронология", p[2]),
            ],
        ));
        links.push(case(
            "people",
            [
                format!("{}: people", p[0]),
                format!("{}: адамдар", p[1]),
                format!("{}: люди", p[2]),
            ],
        ));
    }
    let note = [
        "Placard benchmark corpus, generated text.",
        "Placard сынақ корпусы, жасанды мәтін.",
        "Тестовый корпус Placard, сгенерированный текст.",
    ];
    let names = [Vec::new(), Vec::new(), Vec::new()];
    let docs = Docs {
        stats,
        links: &links,
        names: &names,
        case_id: "site",
    };
    for lang in 0..3 {
        let notes = vec![note[lang].to_owned()];
        for (name, title) in [("index", home[lang]), ("about", about[lang])] {
            let path = content.join(format!("{name}.{}.md", LANGS[lang]));
            docs.write(rng, &path, lang, Some(title), &[], &notes)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

struct Args {
    docs: usize,
    out: PathBuf,
    seed: u64,
    force: bool,
}

const USAGE: &str = "usage: corpus --docs N --out DIR [--seed S] [--force]";

fn parse_args() -> AnyResult<Args> {
    let mut docs = 300;
    let mut out = None;
    let mut seed = DEFAULT_SEED;
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--docs" => docs = value()?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--force" => force = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    if docs == 0 {
        return Err("--docs must be at least 1".into());
    }
    Ok(Args {
        docs,
        out,
        seed,
        force,
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> AnyResult<()> {
    let args = parse_args()?;
    let started = Instant::now();
    let content = args.out.join("content");
    if content.exists() {
        if args.force {
            fs::remove_dir_all(&content)?;
        } else {
            return Err(format!(
                "{} already exists; pass --force to replace it",
                content.display()
            )
            .into());
        }
    }
    let mut rng = Rng::new(args.seed);
    let plan = plan(args.docs, &mut rng);
    let stats = Stats::default();
    write_site(&args.out, &plan, args.seed, &stats)?;

    // Cases are independent (each has its own PRNG), so write them on every core.
    let next = AtomicUsize::new(0);
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = plan.cases.get(i) else { break };
                    if let Err(e) = write_case(&args.out, case, args.seed, &stats) {
                        if let Ok(mut errors) = errors.lock() {
                            errors.push(format!("{}: {e}", case.id));
                        }
                        break;
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if let Some(first) = errors.first() {
        return Err(first.clone().into());
    }

    let docs = stats.docs.load(Ordering::Relaxed);
    let bytes = stats.bytes.load(Ordering::Relaxed);
    let toml = stats.toml.load(Ordering::Relaxed);
    let missing: usize = plan.cases.iter().map(|c| c.missing.len()).sum();
    // Written, not printed: a closed pipe (`| head`) is an error to report, not a panic.
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "wrote {} in {:.2}s: {} cases, {docs} Markdown documents (asked for {}; {missing} translations left out), {toml} TOML files",
        args.out.display(),
        started.elapsed().as_secs_f64(),
        plan.cases.len(),
        args.docs
    )?;
    writeln!(
        out,
        "markdown: {bytes} bytes ({:.1} MiB, {:.1} MB), {} bytes per document on average",
        bytes as f64 / (1024.0 * 1024.0),
        bytes as f64 / 1e6,
        bytes / docs.max(1)
    )?;
    Ok(())
}
