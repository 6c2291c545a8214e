//! Languages and word lists: post words, greetings, names, emoji and profile phrases.

/// A language of the synthetic world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Es,
    De,
    Ru,
    Ar,
    Zh,
}

/// Every language, in index order.
pub(crate) const LANGS: [Lang; 6] = [Lang::En, Lang::Es, Lang::De, Lang::Ru, Lang::Ar, Lang::Zh];

impl Lang {
    /// ISO 639-1 code written to the `lang` column.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
        }
    }

    /// Position in [`LANGS`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// What separates two words in a sentence.
    pub(crate) fn joiner(self) -> &'static str {
        match self {
            Lang::Zh => "",
            _ => " ",
        }
    }

    /// Whether sentences start with a capital letter.
    pub(crate) fn cased(self) -> bool {
        matches!(self, Lang::En | Lang::Es | Lang::De | Lang::Ru)
    }

    /// Sentence-final punctuation marks used by the language.
    pub(crate) fn stops(self) -> &'static [&'static str] {
        match self {
            Lang::Zh => &["。", "！", "？", ""],
            Lang::Ar => &[".", "!", "؟", ""],
            _ => &[".", "!", "?", "", "..."],
        }
    }

    /// The comma of the language.
    pub(crate) fn comma(self) -> &'static str {
        match self {
            Lang::Zh => "，",
            Lang::Ar => "،",
            _ => ",",
        }
    }

    fn words_source(self) -> &'static str {
        match self {
            Lang::En => EN_WORDS,
            Lang::Es => ES_WORDS,
            Lang::De => DE_WORDS,
            Lang::Ru => RU_WORDS,
            Lang::Ar => AR_WORDS,
            Lang::Zh => ZH_WORDS,
        }
    }

    fn topics_source(self) -> &'static str {
        match self {
            Lang::En => EN_TOPICS,
            Lang::Es => ES_TOPICS,
            Lang::De => DE_TOPICS,
            Lang::Ru => RU_TOPICS,
            Lang::Ar => AR_TOPICS,
            Lang::Zh => ZH_TOPICS,
        }
    }

    fn first_names_source(self) -> &'static str {
        match self {
            Lang::En => EN_FIRST,
            Lang::Es => ES_FIRST,
            Lang::De => DE_FIRST,
            Lang::Ru => RU_FIRST,
            Lang::Ar => AR_FIRST,
            Lang::Zh => ZH_FIRST,
        }
    }

    fn last_names_source(self) -> &'static str {
        match self {
            Lang::En => EN_LAST,
            Lang::Es => ES_LAST,
            Lang::De => DE_LAST,
            Lang::Ru => RU_LAST,
            Lang::Ar => AR_LAST,
            Lang::Zh => ZH_LAST,
        }
    }
}

/// A personal name in Latin letters (for handles) and in its native script (for display names).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name {
    pub(crate) latin: &'static str,
    pub(crate) native: &'static str,
}

/// When a greeting fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    Morning,
    Night,
    Friday,
    Monday,
    Any,
}

/// The word lists of every language, split once.
pub(crate) struct Vocab {
    words: [Vec<&'static str>; 6],
    topics: [Vec<&'static str>; 6],
    first: [Vec<Name>; 6],
    last: [Vec<Name>; 6],
}

impl Vocab {
    pub(crate) fn new() -> Self {
        Vocab {
            words: LANGS.map(|l| split_words(l.words_source())),
            topics: LANGS.map(|l| split_words(l.topics_source())),
            first: LANGS.map(|l| split_names(l.first_names_source())),
            last: LANGS.map(|l| split_names(l.last_names_source())),
        }
    }

    /// Common words of `lang`, most frequent first.
    pub(crate) fn words(&self, lang: Lang) -> &[&'static str] {
        &self.words[lang.index()]
    }

    /// Topic words of `lang` used to build hashtags.
    pub(crate) fn topics(&self, lang: Lang) -> &[&'static str] {
        &self.topics[lang.index()]
    }

    /// First names of `lang`.
    pub(crate) fn first_names(&self, lang: Lang) -> &[Name] {
        &self.first[lang.index()]
    }

    /// Family names of `lang`.
    pub(crate) fn last_names(&self, lang: Lang) -> &[Name] {
        &self.last[lang.index()]
    }
}

fn split_words(src: &'static str) -> Vec<&'static str> {
    src.split_whitespace().collect()
}

fn split_names(src: &'static str) -> Vec<Name> {
    src.split_whitespace()
        .map(|pair| match pair.split_once('|') {
            Some((latin, native)) => Name { latin, native },
            None => Name {
                latin: pair,
                native: pair,
            },
        })
        .collect()
}

/// Short identical messages posted by many unrelated accounts.
pub(crate) const GREETINGS: [(Lang, Moment, &str); 34] = [
    (Lang::En, Moment::Morning, "Good morning!"),
    (Lang::En, Moment::Morning, "Good morning everyone"),
    (Lang::En, Moment::Morning, "gm"),
    (Lang::En, Moment::Morning, "GM ☀️"),
    (Lang::En, Moment::Any, "Thank you"),
    (Lang::En, Moment::Any, "Thank you!"),
    (Lang::En, Moment::Any, "Thanks!"),
    (Lang::En, Moment::Any, "lol"),
    (Lang::En, Moment::Any, "This."),
    (Lang::En, Moment::Any, "Congratulations!"),
    (Lang::En, Moment::Friday, "Happy Friday!"),
    (Lang::En, Moment::Monday, "Happy Monday"),
    (Lang::En, Moment::Night, "Good night"),
    (Lang::Es, Moment::Morning, "Buenos días"),
    (Lang::Es, Moment::Morning, "¡Buenos días!"),
    (Lang::Es, Moment::Any, "Gracias"),
    (Lang::Es, Moment::Friday, "¡Feliz viernes!"),
    (Lang::Es, Moment::Night, "Buenas noches"),
    (Lang::De, Moment::Morning, "Guten Morgen!"),
    (Lang::De, Moment::Any, "Danke"),
    (Lang::De, Moment::Friday, "Schönes Wochenende!"),
    (Lang::De, Moment::Night, "Gute Nacht"),
    (Lang::Ru, Moment::Morning, "Доброе утро!"),
    (Lang::Ru, Moment::Any, "Спасибо"),
    (Lang::Ru, Moment::Friday, "С пятницей!"),
    (Lang::Ru, Moment::Night, "Спокойной ночи"),
    (Lang::Ar, Moment::Morning, "صباح الخير"),
    (Lang::Ar, Moment::Any, "شكرا"),
    (Lang::Ar, Moment::Friday, "جمعة مباركة"),
    (Lang::Ar, Moment::Night, "تصبحون على خير"),
    (Lang::Zh, Moment::Morning, "早上好"),
    (Lang::Zh, Moment::Any, "谢谢"),
    (Lang::Zh, Moment::Friday, "周末愉快"),
    (Lang::Zh, Moment::Night, "晚安"),
];

/// Emoji sprinkled over texts, names and bios.
pub(crate) const EMOJI: [&str; 16] = [
    "😂", "🔥", "❤️", "👍", "🙏", "😡", "💯", "👏", "😢", "🤔", "✅", "🚨", "👀", "🙌", "😍", "🌻",
];

/// Bios typical of fabricated accounts, by language.
pub(crate) fn stock_bios(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Patriot. Mother. Truth seeker.",
            "Proud American 🇺🇸 God, family, country",
            "Love my country. No DMs.",
            "Just a regular guy who wants the truth",
        ],
        Lang::Es => &[
            "Patriota. Madre. Buscando la verdad.",
            "Amo a mi país 🇪🇸",
            "Ciudadano libre. Sin miedo.",
        ],
        Lang::De => &["Patriot. Vater. Für die Wahrheit.", "Deutschland zuerst 🇩🇪"],
        Lang::Ru => &[
            "Патриот. Отец. Правда важнее всего.",
            "Люблю свою страну 🇷🇺",
            "Обычный человек, ищу правду",
        ],
        Lang::Ar => &["محب لوطني", "الحقيقة أولا"],
        Lang::Zh => &["热爱祖国", "说真话的人"],
    }
}

/// Words that headline-style campaign hashtags are made of; kept apart from the topic words so
/// campaign tags never collide with organic ones.
pub(crate) const CAMPAIGN_PREFIXES: [&str; 10] = [
    "StandWith",
    "Stop",
    "Justice4",
    "Save",
    "Boycott",
    "Free",
    "Wake",
    "Expose",
    "Defend",
    "Truth4",
];

/// Second halves of campaign hashtags.
pub(crate) const CAMPAIGN_SUFFIXES: [&str; 12] = [
    "OurFarmers",
    "TheValley",
    "Donbas",
    "Harbor",
    "Miners",
    "Truckers",
    "TheRiver",
    "OurKids",
    "Veterans",
    "Lakeside",
    "Northfield",
    "Teachers",
];

/// Russian campaign hashtags (Cyrillic), used by Russian-language campaigns.
pub(crate) const RU_CAMPAIGN_TAGS: [&str; 6] = [
    "ПравдаОДонбассе",
    "СтопСанкции",
    "НашиВыборы",
    "ЗаМир2024",
    "ХватитВрать",
    "ГолосНарода",
];

/// Invented news sites by language, most visited first. The names are fictional.
pub(crate) fn news_sites(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "dailyledger.com",
            "theglobepost.com",
            "metronewswire.com",
            "capitolherald.com",
            "worldbrief.net",
            "techpulse.io",
            "sportsdesk.com",
            "healthwatchnews.org",
            "marketbeacon.com",
            "thecoastalreview.com",
            "nationalinsider.net",
            "eveningstandardpost.com",
        ],
        Lang::Es => &[
            "noticiasdelsur.es",
            "eldiariodigital.com",
            "prensalibre-hoy.com",
            "lavozdelpueblo.mx",
            "deportes24.es",
            "elobservadorlatino.com",
        ],
        Lang::De => &[
            "rundschau-online.de",
            "tagesblick.de",
            "nordkurier-aktuell.de",
            "wirtschaftsecho.de",
        ],
        Lang::Ru => &[
            "novosti-dnya.ru",
            "vesti24.ru",
            "gazeta-segodnya.ru",
            "mirovoe-obozrenie.ru",
        ],
        Lang::Ar => &["alkhabar-now.com", "arabnewsline.net", "alwatan-daily.com"],
        Lang::Zh => &["huanqiu-daily.cn", "xinwen-today.cn", "zhongguo-shibao.com"],
    }
}

/// Common words; the first ones are the most frequent.
const EN_WORDS: &str = "the people today news time world just really think know good great new \
    country government city police week school women team game health money life state year family \
    work war election president vote market prices season fans music video love day night morning \
    weather rain football match win lost report breaking story live watch read believe want need see \
    say make take give tell feel support against free real true big small best worst last first next \
    right wrong local public national economy jobs tax energy climate water food price data phone app \
    company court law rights border security community children parents friends home streets traffic \
    train airport hospital doctors nurses teachers students university science research study space \
    moon art film show book song album tour concert ticket coffee pizza dinner weekend holiday summer \
    autumn september crazy amazing honestly finally still already never always maybe again very so \
    much more less everyone nobody something nothing tonight tomorrow yesterday update thread";

const ES_WORDS: &str = "el la que de y en los un una por para con hoy gente país ciudad gobierno \
    presidente elecciones voto mercado precios trabajo vida familia amigos casa calle escuela \
    universidad salud hospital médicos policía noticias mundo tiempo semana año día noche lluvia \
    calor fútbol partido equipo gol victoria derrota música canción concierto película libro historia \
    verdad mentira libertad derechos ley justicia economía empleo impuestos energía agua comida precio \
    datos empresa tribunal frontera seguridad comunidad niños padres fiesta verano otoño siempre nunca \
    todavía ya ahora increíble bueno malo mejor peor nuevo viejo grande pequeño público nacional local \
    muy más pero también mañana ayer todos nadie algo nada";

const DE_WORDS: &str = "der die das und ist nicht ein eine mit heute Leute Land Stadt Regierung \
    Kanzler Wahl Stimme Markt Preise Arbeit Leben Familie Freunde Haus Straße Schule Universität \
    Gesundheit Krankenhaus Ärzte Polizei Nachrichten Welt Zeit Woche Jahr Tag Nacht Regen Sonne \
    Fußball Spiel Mannschaft Tor Sieg Niederlage Musik Lied Konzert Film Buch Geschichte Wahrheit \
    Freiheit Rechte Gesetz Gericht Wirtschaft Steuern Energie Klima Wasser Essen Daten Firma Grenze \
    Sicherheit Gemeinde Kinder Eltern Wochenende Urlaub Sommer Herbst immer nie noch schon jetzt \
    wirklich endlich toll gut schlecht besser neu alt groß klein öffentlich Bahn Verspätung Bier \
    Kaffee aber oder sehr mehr morgen gestern alle niemand etwas nichts";

const RU_WORDS: &str = "и в не на что это как мы они люди страна город власть правительство \
    президент выборы голос рынок цены работа жизнь семья друзья дом улица школа университет здоровье \
    больница врачи полиция новости мир время неделя год день ночь дождь погода футбол матч команда гол \
    победа музыка песня концерт фильм книга история правда ложь свобода права закон суд экономика \
    налоги энергия вода еда данные компания граница безопасность дети родители выходные отпуск лето \
    осень всегда никогда еще уже сейчас очень больше сегодня вчера завтра хорошо плохо лучше новый \
    старый большой маленький народ запад россия москва все никто что-то ничего";

const AR_WORDS: &str = "في من على إلى عن مع هذا هذه الناس البلد المدينة الحكومة الرئيس \
    الانتخابات السوق الأسعار العمل الحياة العائلة الأصدقاء البيت الشارع المدرسة الجامعة الصحة \
    المستشفى الشرطة الأخبار العالم الوقت الأسبوع السنة اليوم الليل المطر الطقس كرة القدم المباراة \
    الفريق هدف فوز الموسيقى أغنية فيلم كتاب التاريخ الحقيقة الحرية الحقوق القانون المحكمة \
    الاقتصاد الضرائب الطاقة الماء الطعام الشركة الحدود الأمن الأطفال الآباء عطلة الصيف دائما أبدا \
    الآن جدا أكثر أمس غدا جيد سيء أفضل جديد كبير صغير الجميع شيء";

const ZH_WORDS: &str = "今天 我们 他们 大家 人民 国家 城市 政府 总统 选举 市场 价格 工作 生活 \
    家庭 朋友 学校 大学 健康 医院 警察 新闻 世界 时间 一周 一年 晚上 下雨 天气 足球 比赛 球队 胜利 \
    音乐 歌曲 演唱会 电影 书 历史 真相 自由 法律 法院 经济 能源 水 美食 公司 安全 孩子 父母 周末 \
    假期 夏天 秋天 总是 从来 已经 现在 非常 更多 明天 昨天 很好 不好 更好 新的 旧的 大 小 真的 觉得 \
    知道 希望 支持 反对 发展 科技 手机 数据";

/// Topic words that organic hashtags are built from.
const EN_TOPICS: &str = "News Politics Football NFL NBA Music Tech Crypto AI Climate Election \
    Health Science Movies Gaming Travel Food Fashion Books Art Space Weather Economy Stocks Jobs \
    Education Startup Fitness Photography Coffee Cats Dogs Marvel Netflix Olympics Tennis F1 Jazz \
    Poetry Memes";
const ES_TOPICS: &str = "Noticias Política Fútbol LaLiga Música Tecnología Economía Salud \
    Ciencia Cine Viajes Comida Elecciones Clima Deportes Cultura Libros Arte Moda Educación";
const DE_TOPICS: &str = "Nachrichten Politik Bundesliga Fußball Musik Technik Wirtschaft \
    Gesundheit Klima Wahl Kultur Reisen Bahn Bildung Wissenschaft Kino Essen Sport";
const RU_TOPICS: &str = "Новости Политика Футбол Музыка Технологии Экономика Здоровье Наука \
    Кино Путешествия Еда Выборы Погода Спорт Культура Книги Москва Хоккей";
const AR_TOPICS: &str = "أخبار سياسة كرة_القدم موسيقى تقنية اقتصاد صحة علوم سينما سفر طعام \
    رياضة ثقافة تعليم";
const ZH_TOPICS: &str = "新闻 政治 足球 音乐 科技 经济 健康 科学 电影 旅游 美食 体育 文化 教育 \
    游戏 篮球";

/// Hashtag suffixes shared by all languages.
pub(crate) const TOPIC_SUFFIXES: [&str; 10] = [
    "", "2024", "Live", "Today", "Now", "Update", "Talk", "Fans", "Week", "Daily",
];

const EN_FIRST: &str = "James Mary John Patricia Robert Jennifer Michael Linda David Sarah Chris \
    Jessica Daniel Emily Matt Ashley Ryan Laura Kevin Megan Jake Olivia Noah Emma Liam Ava Mason \
    Chloe Priya Arjun";
const EN_LAST: &str = "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor \
    Thomas Moore Martin Jackson White Harris Clark Lewis Walker Young Allen King Wright Scott Green \
    Baker Adams Nelson Hill Campbell Patel Sharma";
const ES_FIRST: &str = "José María Carlos Ana Luis Carmen Javier Lucía Miguel Sofía Diego \
    Valentina Pablo Camila Andrés Daniela Jorge Paula Alejandro Martina";
const ES_LAST: &str = "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres \
    Flores Rivera Gómez Díaz Reyes Morales Cruz Ortiz Castillo";
const DE_FIRST: &str = "Lukas Anna Felix Lena Jonas Laura Max Lea Paul Marie Leon Sophie Tim \
    Julia Jan Hannah Tobias Katharina";
const DE_LAST: &str = "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz \
    Hoffmann Koch Richter Klein Wolf Neumann Schwarz";
const RU_FIRST: &str = "Ivan|Иван Dmitry|Дмитрий Sergey|Сергей Alexey|Алексей Andrey|Андрей \
    Olga|Ольга Natalia|Наталья Elena|Елена Anna|Анна Maria|Мария Tatiana|Татьяна Nikolai|Николай \
    Pavel|Павел Irina|Ирина Svetlana|Светлана Mikhail|Михаил";
const RU_LAST: &str = "Ivanov|Иванов Smirnov|Смирнов Kuznetsov|Кузнецов Popov|Попов \
    Vasiliev|Васильев Petrov|Петров Sokolov|Соколов Mikhailov|Михайлов Novikov|Новиков \
    Fedorov|Федоров Morozov|Морозов Volkov|Волков";
const AR_FIRST: &str = "Mohammed|محمد Ahmed|أحمد Ali|علي Omar|عمر Khaled|خالد Youssef|يوسف \
    Fatima|فاطمة Aisha|عائشة Mariam|مريم Noor|نور Sara|سارة Hassan|حسن Ibrahim|إبراهيم Layla|ليلى";
const AR_LAST: &str = "Alharbi|الحربي Alqahtani|القحطاني Almutairi|المطيري Alotaibi|العتيبي \
    Haddad|حداد Khalil|خليل Mansour|منصور Saleh|صالح Nasser|ناصر Aziz|عزيز";
const ZH_FIRST: &str = "Wei|伟 Fang|芳 Na|娜 Min|敏 Jing|静 Lei|磊 Yang|洋 Jun|军 Yan|燕 Tao|涛 \
    Hui|慧 Qiang|强";
const ZH_LAST: &str =
    "Wang|王 Li|李 Zhang|张 Liu|刘 Chen|陈 Yang|杨 Huang|黄 Zhao|赵 Wu|吴 Zhou|周";

/// Folds the accented Latin letters of the name lists to ASCII, for handles.
pub(crate) fn ascii_fold(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            'á' | 'à' | 'ä' | 'â' => out.push('a'),
            'Á' | 'Ä' => out.push('A'),
            'é' | 'è' | 'ê' => out.push('e'),
            'É' => out.push('E'),
            'í' | 'ï' => out.push('i'),
            'Í' => out.push('I'),
            'ó' | 'ö' | 'ô' => out.push('o'),
            'Ó' | 'Ö' => out.push('O'),
            'ú' | 'ü' => out.push('u'),
            'Ú' | 'Ü' => out.push('U'),
            'ñ' => out.push('n'),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_words_names_and_topics() {
        let v = Vocab::new();
        for lang in LANGS {
            assert!(v.words(lang).len() >= 60, "{lang:?}");
            assert!(v.topics(lang).len() >= 10, "{lang:?}");
            assert!(!v.first_names(lang).is_empty());
            assert!(!v.last_names(lang).is_empty());
            assert!(!news_sites(lang).is_empty());
            assert!(GREETINGS.iter().any(|g| g.0 == lang));
        }
        for w in v.words(Lang::En) {
            assert!(w.is_ascii(), "{w}");
        }
    }

    #[test]
    fn ascii_fold_strips_accents() {
        let mut s = String::new();
        ascii_fold("Müller-José ß", &mut s);
        assert_eq!(s, "MullerJosess");
    }
}
