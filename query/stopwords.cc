// Snowball's stop word lists (https://snowballstem.org/algorithms/*/stop.txt), folded.
#include "query/stopwords.h"

#include <algorithm>
#include <set>

namespace annosearch {
namespace {

// English: Snowball's list.
constexpr std::string_view kEnglish[] = {
    "i",        "me",      "my",     "myself",   "we",         "our",       "ours",    "ourselves",
    "you",      "your",    "yours",  "yourself", "yourselves", "he",        "him",     "his",
    "himself",  "she",     "her",    "hers",     "herself",    "it",        "its",     "itself",
    "they",     "them",    "their",  "theirs",   "themselves", "what",      "which",   "who",
    "whom",     "this",    "that",   "these",    "those",      "am",        "is",      "are",
    "was",      "were",    "be",     "been",     "being",      "have",      "has",     "had",
    "having",   "do",      "does",   "did",      "doing",      "would",     "should",  "could",
    "ought",    "i'm",     "you're", "he's",     "she's",      "it's",      "we're",   "they're",
    "i've",     "you've",  "we've",  "they've",  "i'd",        "you'd",     "he'd",    "she'd",
    "we'd",     "they'd",  "i'll",   "you'll",   "he'll",      "she'll",    "we'll",   "they'll",
    "isn't",    "aren't",  "wasn't", "weren't",  "hasn't",     "haven't",   "hadn't",  "doesn't",
    "don't",    "didn't",  "won't",  "wouldn't", "shan't",     "shouldn't", "can't",   "cannot",
    "couldn't", "mustn't", "let's",  "that's",   "who's",      "what's",    "here's",  "there's",
    "when's",   "where's", "why's",  "how's",    "a",          "an",        "the",     "and",
    "but",      "if",      "or",     "because",  "as",         "until",     "while",   "of",
    "at",       "by",      "for",    "with",     "about",      "against",   "between", "into",
    "through",  "during",  "before", "after",    "above",      "below",     "to",      "from",
    "up",       "down",    "in",     "out",      "on",         "off",       "over",    "under",
    "again",    "further", "then",   "once",     "here",       "there",     "when",    "where",
    "why",      "how",     "all",    "any",      "both",       "each",      "few",     "more",
    "most",     "other",   "some",   "such",     "no",         "nor",       "not",     "only",
    "own",      "same",    "so",     "than",     "too",        "very",      "can",     "will",
    "just",     "should",  "now"};

// Russian: Snowball's list.
constexpr std::string_view kRussian[] = {
    "и",      "в",     "во",      "не",     "что",     "он",      "на",     "я",     "с",
    "со",     "как",   "а",       "то",     "все",     "она",     "так",    "его",   "но",
    "да",     "ты",    "к",       "у",      "же",      "вы",      "за",     "бы",    "по",
    "только", "ее",    "мне",     "было",   "вот",     "от",      "меня",   "еще",   "нет",
    "о",      "из",    "ему",     "теперь", "когда",   "даже",    "ну",     "вдруг", "ли",
    "если",   "уже",   "или",     "ни",     "быть",    "был",     "него",   "до",    "вас",
    "нибудь", "опять", "уж",      "вам",    "ведь",    "там",     "потом",  "себя",  "ничего",
    "ей",     "может", "они",     "тут",    "где",     "есть",    "надо",   "ней",   "для",
    "мы",     "тебя",  "их",      "чем",    "была",    "сам",     "чтоб",   "без",   "будто",
    "чего",   "раз",   "тоже",    "себе",   "под",     "будет",   "ж",      "тогда", "кто",
    "этот",   "того",  "потому",  "этого",  "какой",   "совсем",  "ним",    "здесь", "этом",
    "один",   "почти", "мой",     "тем",    "чтобы",   "нее",     "сейчас", "были",  "куда",
    "зачем",  "всех",  "никогда", "можно",  "при",     "наконец", "два",    "об",    "другой",
    "хоть",   "после", "над",     "больше", "тот",     "через",   "эти",    "нас",   "про",
    "всего",  "них",   "какая",   "много",  "разве",   "три",     "эту",    "моя",   "впрочем",
    "хорошо", "свою",  "этой",    "перед",  "иногда",  "лучше",   "чуть",   "том",   "нельзя",
    "такой",  "им",    "более",   "всегда", "конечно", "всю",     "между"};

// German: Snowball's list.
constexpr std::string_view kGerman[] = {
    "aber",      "alle",     "allem",     "allen",    "aller",     "alles",     "als",
    "also",      "am",       "an",        "ander",    "andere",    "anderem",   "anderen",
    "anderer",   "anderes",  "anderm",    "andern",   "anderr",    "anders",    "auch",
    "auf",       "aus",      "bei",       "bin",      "bis",       "bist",      "da",
    "damit",     "dann",     "der",       "den",      "des",       "dem",       "die",
    "das",       "dass",     "daß",       "derselbe", "derselben", "denselben", "desselben",
    "demselben", "dieselbe", "dieselben", "dasselbe", "dazu",      "dein",      "deine",
    "deinem",    "deinen",   "deiner",    "deines",   "denn",      "derer",     "dessen",
    "dich",      "dir",      "du",        "dies",     "diese",     "diesem",    "diesen",
    "dieser",    "dieses",   "doch",      "dort",     "durch",     "ein",       "eine",
    "einem",     "einen",    "einer",     "eines",    "einig",     "einige",    "einigem",
    "einigen",   "einiger",  "einiges",   "einmal",   "er",        "ihn",       "ihm",
    "es",        "etwas",    "euer",      "eure",     "eurem",     "euren",     "eurer",
    "eures",     "für",      "gegen",     "gewesen",  "hab",       "habe",      "haben",
    "hat",       "hatte",    "hatten",    "hier",     "hin",       "hinter",    "ich",
    "mich",      "mir",      "ihr",       "ihre",     "ihrem",     "ihren",     "ihrer",
    "ihres",     "euch",     "im",        "in",       "indem",     "ins",       "ist",
    "jede",      "jedem",    "jeden",     "jeder",    "jedes",     "jene",      "jenem",
    "jenen",     "jener",    "jenes",     "jetzt",    "kann",      "kein",      "keine",
    "keinem",    "keinen",   "keiner",    "keines",   "können",    "könnte",    "machen",
    "man",       "manche",   "manchem",   "manchen",  "mancher",   "manches",   "mein",
    "meine",     "meinem",   "meinen",    "meiner",   "meines",    "mit",       "muss",
    "musste",    "nach",     "nicht",     "nichts",   "noch",      "nun",       "nur",
    "ob",        "oder",     "ohne",      "sehr",     "sein",      "seine",     "seinem",
    "seinen",    "seiner",   "seines",    "selbst",   "sich",      "sie",       "ihnen",
    "sind",      "so",       "solche",    "solchem",  "solchen",   "solcher",   "solches",
    "soll",      "sollte",   "sondern",   "sonst",    "über",      "um",        "und",
    "uns",       "unsere",   "unserem",   "unseren",  "unser",     "unseres",   "unter",
    "viel",      "vom",      "von",       "vor",      "während",   "war",       "waren",
    "warst",     "was",      "weg",       "weil",     "weiter",    "welche",    "welchem",
    "welchen",   "welcher",  "welches",   "wenn",     "werde",     "werden",    "wie",
    "wieder",    "will",     "wir",       "wird",     "wirst",     "wo",        "wollen",
    "wollte",    "würde",    "würden",    "zu",       "zum",       "zur",       "zwar",
    "zwischen"};

// French: Snowball's list.
constexpr std::string_view kFrench[] = {
    "au",       "aux",     "avec",     "ce",      "ces",     "dans",     "de",     "des",
    "du",       "elle",    "en",       "et",      "eux",     "il",       "je",     "la",
    "le",       "leur",    "lui",      "ma",      "mais",    "me",       "même",   "mes",
    "moi",      "mon",     "ne",       "nos",     "notre",   "nous",     "on",     "ou",
    "par",      "pas",     "pour",     "qu",      "que",     "qui",      "sa",     "se",
    "ses",      "son",     "sur",      "ta",      "te",      "tes",      "toi",    "ton",
    "tu",       "un",      "une",      "vos",     "votre",   "vous",     "c",      "d",
    "j",        "l",       "à",        "m",       "n",       "s",        "t",      "y",
    "été",      "étée",    "étées",    "étés",    "étant",   "suis",     "es",     "est",
    "sommes",   "êtes",    "sont",     "serai",   "seras",   "sera",     "serons", "serez",
    "seront",   "serais",  "serait",   "serions", "seriez",  "seraient", "étais",  "était",
    "étions",   "étiez",   "étaient",  "fus",     "fut",     "fûmes",    "fûtes",  "furent",
    "sois",     "soit",    "soyons",   "soyez",   "soient",  "fusse",    "fusses", "fût",
    "fussions", "fussiez", "fussent",  "ayant",   "eu",      "eue",      "eues",   "eus",
    "ai",       "as",      "avons",    "avez",    "ont",     "aurai",    "auras",  "aura",
    "aurons",   "aurez",   "auront",   "aurais",  "aurait",  "aurions",  "auriez", "auraient",
    "avais",    "avait",   "avions",   "aviez",   "avaient", "eut",      "eûmes",  "eûtes",
    "eurent",   "aie",     "aies",     "ait",     "ayons",   "ayez",     "aient",  "eusse",
    "eusses",   "eût",     "eussions", "eussiez", "eussent"};

// Spanish: Snowball's list (its most frequent part).
constexpr std::string_view kSpanish[] = {
    "de",      "la",       "que",      "el",       "en",       "y",        "a",        "los",
    "del",     "se",       "las",      "por",      "un",       "para",     "con",      "no",
    "una",     "su",       "al",       "lo",       "como",     "más",      "pero",     "sus",
    "le",      "ya",       "o",        "este",     "sí",       "porque",   "esta",     "entre",
    "cuando",  "muy",      "sin",      "sobre",    "también",  "me",       "hasta",    "hay",
    "donde",   "quien",    "desde",    "todo",     "nos",      "durante",  "todos",    "uno",
    "les",     "ni",       "contra",   "otros",    "ese",      "eso",      "ante",     "ellos",
    "e",       "esto",     "mí",       "antes",    "algunos",  "qué",      "unos",     "yo",
    "otro",    "otras",    "otra",     "él",       "tanto",    "esa",      "estos",    "mucho",
    "quienes", "nada",     "muchos",   "cual",     "poco",     "ella",     "estar",    "estas",
    "algunas", "algo",     "nosotros", "mi",       "mis",      "tú",       "te",       "ti",
    "tu",      "tus",      "ellas",    "nosotras", "vosotros", "vosotras", "os",       "mío",
    "mía",     "míos",     "mías",     "tuyo",     "tuya",     "tuyos",    "tuyas",    "suyo",
    "suya",    "suyos",    "suyas",    "nuestro",  "nuestra",  "nuestros", "nuestras", "vuestro",
    "vuestra", "vuestros", "vuestras", "esos",     "esas",     "estoy",    "estás",    "está",
    "estamos", "estáis",   "están",    "es",       "son",      "fue",      "era",      "ha",
    "han",     "he",       "has",      "hemos",    "había",    "ser",      "soy",      "eres",
    "somos",   "sois"};

// English words that open a question ("what happened to coffee prices in Brazil") or a request
// in plain words ("tell me about ...", "latest news on ...").
constexpr std::string_view kEnglishOpeners[] = {
    "what",  "who",  "whom",  "whose",  "which", "why",  "how",  "when", "where", "did",
    "does",  "do",   "is",    "are",    "was",   "were", "has",  "have", "had",   "can",
    "could", "will", "would", "should", "tell",  "show", "find", "list", "give",  "latest"};

// English words that frame a question rather than name its topic: in a question they are function
// words ("what happened to coffee prices" is about coffee prices, and "said" is in most news
// stories without being what they are about). Outside a question they stay content words.
constexpr std::string_view kEnglishFrame[] = {
    "happen", "happened", "happens", "happening", "going",   "say",      "says",
    "said",   "tell",     "know",    "think",     "explain", "describe", "mean",
    "means",  "latest",   "news",    "much",      "many",    "article",  "articles",
    "story",  "stories",  "show",    "find",      "list",    "give",     "anything"};

template <std::size_t N>
bool in_list(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

struct List {
  std::string_view language;
  std::set<std::string_view> words;
};

template <std::size_t N>
List make(std::string_view language, const std::string_view (&words)[N]) {
  return {language, std::set<std::string_view>(std::begin(words), std::end(words))};
}

const std::vector<List>& lists() {
  static const std::vector<List> kAll{make("en", kEnglish), make("ru", kRussian),
                                      make("de", kGerman), make("fr", kFrench),
                                      make("es", kSpanish)};
  return kAll;
}

}  // namespace

bool is_stopword(std::string_view language, std::string_view folded_word) {
  for (const auto& list : lists()) {
    if (list.language == language) return list.words.count(folded_word) > 0;
  }
  return false;
}

bool opens_question(std::string_view language, std::string_view folded_word) {
  return language == "en" && in_list(kEnglishOpeners, folded_word);
}

bool is_question_frame_word(std::string_view language, std::string_view folded_word) {
  return language == "en" && in_list(kEnglishFrame, folded_word);
}

std::vector<std::string> stopword_languages() {
  std::vector<std::string> out;
  for (const auto& list : lists()) out.emplace_back(list.language);
  return out;
}

}  // namespace annosearch
