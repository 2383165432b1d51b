/*
 * gencorpus - deterministic synthetic corpus generator for arshif benchmarks.
 *
 *   gencorpus -n N -o DIR [-e ENTITIES] [--seed S]
 *
 * Writes a complete arshif source folder DIR (site.yaml, entities.yaml and
 * content/<lang>/<yyyy>/<n>.md).  The output depends only on N, ENTITIES and
 * SEED: own PRNG (splitmix64), integer arithmetic only, no time, no locale,
 * no rand().  Same arguments give byte-identical output on any machine.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -o gencorpus gencorpus.c
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define MAX_ARTICLES 1000000UL
#define MAX_ENTITIES 100000UL
#define DEFAULT_ENTITIES 1000UL
#define DEFAULT_SEED 42ULL
#define MAX_ART_ENT 6
#define MAX_ART_TAGS 3

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *prog = "gencorpus";

/* ------------------------------------------------------------------ */
/* errors                                                              */

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64                                                    */

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rnext(rng_t *r) { return splitmix64(&r->s); }

/* uniform in [0, n), n > 0, unbiased (rejection) */
static uint64_t rbelow64(rng_t *r, uint64_t n)
{
    uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;
    do
        x = rnext(r);
    while (x >= lim);
    return x % n;
}

static unsigned rbelow(rng_t *r, unsigned n) { return (unsigned)rbelow64(r, n); }

/* uniform in [lo, hi] */
static int rrange(rng_t *r, int lo, int hi) { return lo + (int)rbelow(r, (unsigned)(hi - lo + 1)); }

static int rchance(rng_t *r, unsigned pct) { return rbelow(r, 100) < pct; }

/* independent stream for (seed, purpose, index) */
static rng_t rderive(uint64_t seed, uint64_t purpose, uint64_t idx)
{
    uint64_t s = seed ^ (purpose * 0xD1B54A32D192ED03ULL);
    rng_t r;
    s += idx * 0xA24BAED4963EE407ULL;
    r.s = splitmix64(&s);
    (void)splitmix64(&s);
    r.s ^= splitmix64(&s);
    return r;
}

/* ------------------------------------------------------------------ */
/* growable buffer                                                     */

typedef struct {
    char *p;
    size_t len, cap;
} buf_t;

static void bneed(buf_t *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        die("out of memory");
    b->p = p;
    b->cap = cap;
}

static void bputn(buf_t *b, const char *s, size_t n)
{
    bneed(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void bput(buf_t *b, const char *s) { bputn(b, s, strlen(s)); }

static void bputc(buf_t *b, char c) { bputn(b, &c, 1); }

static void bputu(buf_t *b, unsigned long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lu", v);
    bputn(b, tmp, (size_t)n);
}

static void bclear(buf_t *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

/* Upper-case the first letter of a Latin word (ASCII or Latin-1 range in UTF-8). */
static void cap_first(char *s)
{
    unsigned char *u = (unsigned char *)s;
    if (u[0] >= 'a' && u[0] <= 'z')
        u[0] = (unsigned char)(u[0] - 32);
    else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7)
        u[1] = (unsigned char)(u[1] - 0x20);
}

/* append word, capitalised if cap (Latin scripts only) */
static void bput_word(buf_t *b, const char *w, int cap)
{
    size_t at = b->len;
    bput(b, w);
    if (cap)
        cap_first(b->p + at);
}

/* ------------------------------------------------------------------ */
/* languages and vocabularies                                          */

enum { AR, EN, FR, NLANG };
static const char *const LANG_CODE[NLANG] = {"ar", "en", "fr"};

static const char *const WORDS_EN[] = {
    "the", "a", "of", "and", "to", "in", "on", "for", "with", "from", "by", "at", "as",
    "after", "before", "during", "under", "over", "between", "against", "about", "new",
    "old", "local", "national", "regional", "public", "private", "economic", "political",
    "social", "cultural", "official", "former", "young", "large", "small", "major",
    "minor", "early", "late", "first", "last", "second", "next", "recent", "annual",
    "government", "minister", "ministry", "president", "parliament", "council",
    "committee", "court", "city", "country", "region", "village", "capital", "border",
    "coast", "river", "market", "bank", "company", "industry", "workers", "farmers",
    "students", "teachers", "doctors", "families", "children", "women", "men", "people",
    "report", "statement", "decision", "plan", "project", "programme", "budget", "law",
    "reform", "policy", "agreement", "meeting", "conference", "visit", "talks",
    "election", "vote", "campaign", "protest", "strike", "crisis", "growth", "price",
    "prices", "tax", "trade", "exports", "imports", "water", "energy", "oil", "gas",
    "electricity", "school", "university", "hospital", "health", "education", "culture",
    "festival", "museum", "film", "music", "book", "writer", "artist", "season", "match",
    "team", "player", "road", "bridge", "port", "airport", "railway", "station",
    "building", "housing", "land", "weather", "rain", "drought", "heat", "harvest",
    "week", "month", "year", "morning", "evening", "night", "today", "yesterday",
    "tomorrow", "said", "announced", "reported", "confirmed", "denied", "opened",
    "closed", "launched", "signed", "approved", "rejected", "visited", "increased",
    "fell", "rose", "remained", "began", "ended", "continued", "expected", "planned",
    "called", "asked", "warned", "promised", "agreed", "discussed", "received",
    "published", "built", "reached", "lost", "won", "more", "less", "many", "several",
    "most", "some", "all", "still", "already", "again", "also", "only", "nearly",
    "officials", "sources", "citizens", "residents", "investment", "development",
    "security", "peace", "police", "army", "opposition", "parties", "union", "press",
    "internet", "research", "scientists", "study", "results", "figures", "million",
    "billion", "production", "environment", "climate", "tourism", "transport",
};

static const char *const WORDS_FR[] = {
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "à", "au", "aux", "dans",
    "sur", "pour", "avec", "sans", "par", "entre", "contre", "après", "avant", "pendant",
    "selon", "chez", "vers", "nouveau", "nouvelle", "ancien", "ancienne", "local",
    "nationale", "régional", "public", "privée", "économique", "politique", "sociale",
    "culturel", "officiel", "jeune", "grand", "grande", "petit", "premier", "première",
    "dernier", "prochain", "récent", "annuel", "gouvernement", "ministre", "ministère",
    "président", "parlement", "conseil", "comité", "tribunal", "ville", "pays", "région",
    "village", "capitale", "frontière", "côte", "fleuve", "marché", "banque", "société",
    "industrie", "ouvriers", "agriculteurs", "étudiants", "enseignants", "médecins",
    "familles", "enfants", "femmes", "hommes", "habitants", "rapport", "déclaration",
    "décision", "projet", "programme", "budget", "loi", "réforme", "accord", "réunion",
    "conférence", "visite", "négociations", "élection", "scrutin", "campagne",
    "manifestation", "grève", "crise", "croissance", "prix", "impôt", "commerce",
    "exportations", "importations", "eau", "énergie", "pétrole", "électricité", "école",
    "université", "hôpital", "santé", "éducation", "culture", "festival", "musée", "film",
    "musique", "livre", "écrivain", "artiste", "saison", "équipe", "joueur", "route",
    "pont", "aéroport", "gare", "bâtiment", "logement", "terre", "météo", "pluie",
    "sécheresse", "chaleur", "récolte", "semaine", "mois", "année", "matin", "soir",
    "nuit", "aujourd'hui", "hier", "demain", "a", "annoncé", "déclaré", "confirmé",
    "démenti", "ouvert", "fermé", "lancé", "signé", "approuvé", "rejeté", "visité",
    "augmenté", "baissé", "resté", "commencé", "terminé", "poursuivi", "prévu", "appelé",
    "demandé", "averti", "promis", "accepté", "discuté", "reçu", "publié", "construit",
    "atteint", "perdu", "gagné", "plus", "moins", "beaucoup", "plusieurs", "certains",
    "tous", "encore", "déjà", "aussi", "seulement", "presque", "très", "l'État",
    "l'économie", "l'accord", "l'école", "l'hôpital", "l'année", "d'abord", "d'après",
    "qu'il", "jusqu'à", "où", "être", "été", "garçon", "français", "façade", "œuvre",
    "cœur", "naïf", "Noël", "fenêtre", "forêt", "île", "sûr", "dû", "là",
};

static const char *const WORDS_AR[] = {
    "في", "من", "إلى", "على", "عن", "مع", "بعد", "قبل", "خلال", "بين", "ضد", "حول",
    "منذ", "عند", "حتى", "هذا", "هذه", "ذلك", "التي", "الذي", "الذين", "كان", "كانت",
    "يكون", "قد", "لم", "لن", "لا", "ما", "كل", "بعض", "عدد", "أكثر", "أقل", "جديد",
    "جديدة", "قديم", "كبير", "كبيرة", "صغير", "أول", "آخر", "الأول", "الثاني", "الأخير",
    "المقبل", "الماضي", "السنوي", "الحكومة", "الوزير", "وزارة", "الرئيس", "البرلمان",
    "المجلس", "اللجنة", "المحكمة", "المدينة", "البلاد", "المنطقة", "القرية", "العاصمة",
    "الحدود", "الساحل", "النهر", "السوق", "البنك", "الشركة", "الصناعة", "العمال",
    "المزارعين", "الطلاب", "المعلمين", "الأطباء", "الأسر", "الأطفال", "النساء", "الرجال",
    "السكان", "تقرير", "بيان", "قرار", "خطة", "مشروع", "برنامج", "الميزانية", "القانون",
    "إصلاح", "سياسة", "اتفاق", "اجتماع", "مؤتمر", "زيارة", "محادثات", "الانتخابات",
    "التصويت", "حملة", "احتجاج", "إضراب", "أزمة", "النمو", "الأسعار", "الضرائب",
    "التجارة", "الصادرات", "الواردات", "المياه", "الطاقة", "النفط", "الغاز", "الكهرباء",
    "المدرسة", "الجامعة", "المستشفى", "الصحة", "التعليم", "الثقافة", "مهرجان", "المتحف",
    "فيلم", "الموسيقى", "كتاب", "الكاتب", "الفنان", "الموسم", "المباراة", "الفريق",
    "اللاعب", "الطريق", "الجسر", "الميناء", "المطار", "القطار", "المحطة", "المبنى",
    "السكن", "الأرض", "الطقس", "المطر", "الجفاف", "الحرارة", "الحصاد", "الأسبوع",
    "الشهر", "العام", "صباح", "مساء", "الليل", "اليوم", "أمس", "غدا", "قال", "أعلن",
    "أفاد", "أكد", "نفى", "افتتح", "أغلق", "أطلق", "وقع", "وافق", "رفض", "زار", "ارتفع",
    "انخفض", "بقي", "بدأ", "انتهى", "استمر", "توقع", "دعا", "طلب", "حذر", "وعد", "ناقش",
    "تلقى", "نشر", "بنى", "بلغ", "خسر", "فاز", "أيضا", "فقط", "نحو", "حوالي", "مسؤول",
    "مصادر", "المواطنين", "الشباب", "الدولي", "العربي", "المحلي", "الوطني",
    "الاقتصادية", "السياسية", "الاجتماعية", "الثقافية", "الرسمية", "العامة", "الخاصة",
    "الأمن", "السلام", "الشرطة", "الجيش", "المعارضة", "الأحزاب", "النقابة", "الصحافة",
    "الإعلام", "الإنترنت", "الهاتف", "البحث", "العلماء", "الدراسة", "النتائج",
    "الأرقام", "المئة", "مليون", "مليار", "دولار", "الإنتاج", "الاستثمار", "التنمية",
    "البيئة", "المناخ", "السياحة", "النقل", "مؤسسة", "شؤون",
};

typedef struct {
    const char *const *w;
    unsigned n;
} vocab_t;

static const vocab_t VOCAB[NLANG] = {
    {WORDS_AR, (unsigned)NELEM(WORDS_AR)},
    {WORDS_EN, (unsigned)NELEM(WORDS_EN)},
    {WORDS_FR, (unsigned)NELEM(WORDS_FR)},
};

/* Latin acronyms and tokens used inside sentences (all languages; Arabic always gets some) */
static const char *const ACRONYMS[] = {
    "UN", "NATO", "UNESCO", "WHO", "IMF", "GDP", "BBC", "OPEC", "EU", "GPS", "PDF",
    "HTML", "COVID-19", "5G", "AI", "NASA", "FIFA", "SMS", "CEO", "UNICEF", "AFP",
    "PhD", "WiFi", "G20", "ISO", "VAT", "SUV", "DNA", "USB", "MP3",
};

/* 40 tags, one form per language */
static const char *const TAGS[][NLANG] = {
    {"اقتصاد", "economy", "économie"},
    {"سياسة", "politics", "politique"},
    {"صحة", "health", "santé"},
    {"تعليم", "education", "éducation"},
    {"ثقافة", "culture", "culture"},
    {"رياضة", "sport", "sport"},
    {"تكنولوجيا", "technology", "technologie"},
    {"بيئة", "environment", "environnement"},
    {"طاقة", "energy", "énergie"},
    {"زراعة", "agriculture", "agriculture"},
    {"انتخابات", "elections", "élections"},
    {"دبلوماسية", "diplomacy", "diplomatie"},
    {"قضاء", "justice", "justice"},
    {"أمن", "security", "sécurité"},
    {"هجرة", "migration", "migrations"},
    {"تجارة", "trade", "commerce"},
    {"سياحة", "tourism", "tourisme"},
    {"نقل", "transport", "transports"},
    {"إسكان", "housing", "logement"},
    {"مياه", "water", "eau"},
    {"مناخ", "climate", "climat"},
    {"علوم", "science", "sciences"},
    {"إعلام", "media", "médias"},
    {"سينما", "cinema", "cinéma"},
    {"موسيقى", "music", "musique"},
    {"أدب", "literature", "littérature"},
    {"تاريخ", "history", "histoire"},
    {"دين", "religion", "religion"},
    {"المرأة", "women", "femmes"},
    {"الشباب", "youth", "jeunesse"},
    {"عمل", "labour", "travail"},
    {"مال", "finance", "finance"},
    {"نفط", "oil", "pétrole"},
    {"مصارف", "banking", "banques"},
    {"صناعة", "industry", "industrie"},
    {"اتصالات", "telecoms", "télécoms"},
    {"دفاع", "defence", "défense"},
    {"حقوق الإنسان", "human rights", "droits humains"},
    {"بنية تحتية", "infrastructure", "infrastructures"},
    {"آثار", "archaeology", "archéologie"},
};

/* 30 authors: Arabic script name, Latin name (used for en and fr) */
static const char *const AUTHORS[][2] = {
    {"سارة الخطيب", "Sara Al-Khatib"},   {"محمد بن علي", "Mohamed Ben Ali"},
    {"ليلى منصور", "Leila Mansour"},     {"يوسف حداد", "Youssef Haddad"},
    {"نادية العمري", "Nadia Al-Omari"},  {"كريم بوزيد", "Karim Bouzid"},
    {"هدى سليمان", "Houda Soliman"},     {"عمر الفاسي", "Omar El Fassi"},
    {"رانيا عبد الله", "Rania Abdallah"}, {"خالد الزين", "Khaled Al-Zein"},
    {"مريم بنعلي", "Meriem Benali"},     {"طارق الشامي", "Tarek Chami"},
    {"فاطمة الزهراء", "Fatima Zahra"},   {"سمير قاسم", "Samir Kassem"},
    {"أمينة التازي", "Amina Tazi"},      {"حسن العلوي", "Hassan Alaoui"},
    {"جميلة رزق", "Jamila Rizk"},        {"إلياس نصر", "Elias Nasr"},
    {"سلمى الحسيني", "Salma Husseini"},  {"زياد رحال", "Ziad Rahal"},
    {"نور الهدى", "Nour El Houda"},      {"بشير عثمان", "Bachir Othmane"},
    {"دينا فرج", "Dina Farag"},          {"وليد مراد", "Walid Mourad"},
    {"رشا يونس", "Racha Younes"},        {"أنور شريف", "Anouar Cherif"},
    {"إيمان الصافي", "Imane Safi"},      {"مهدي بلقاسم", "Mehdi Belkacem"},
    {"ياسمين عزيز", "Yasmine Aziz"},     {"فريد الطيب", "Farid Tayeb"},
};

/* ------------------------------------------------------------------ */
/* entity names                                                        */

/* syllables: Arabic script, English and French transliterations */
static const char *const SYL[][NLANG] = {
    {"با", "ba", "ba"},   {"بي", "bi", "bi"},   {"بو", "bu", "bou"},  {"دا", "da", "da"},
    {"دي", "di", "di"},   {"دو", "du", "dou"},  {"فا", "fa", "fa"},   {"في", "fi", "fi"},
    {"ها", "ha", "ha"},   {"هي", "hi", "hi"},   {"جا", "ja", "dja"},  {"جي", "ji", "dji"},
    {"كا", "ka", "ka"},   {"كي", "ki", "ki"},   {"كو", "ku", "kou"},  {"لا", "la", "la"},
    {"لي", "li", "li"},   {"لو", "lu", "lou"},  {"ما", "ma", "ma"},   {"مي", "mi", "mi"},
    {"مو", "mu", "mou"},  {"نا", "na", "na"},   {"ني", "ni", "ni"},   {"نو", "nu", "nou"},
    {"را", "ra", "ra"},   {"ري", "ri", "ri"},   {"رو", "ru", "rou"},  {"سا", "sa", "sa"},
    {"سي", "si", "si"},   {"سو", "su", "sou"},  {"شا", "sha", "cha"}, {"شي", "shi", "chi"},
    {"تا", "ta", "ta"},   {"تي", "ti", "ti"},   {"تو", "tu", "tou"},  {"وا", "wa", "oua"},
    {"يا", "ya", "ya"},   {"زا", "za", "za"},   {"زي", "zi", "zi"},   {"خا", "kha", "kha"},
    {"غو", "ghu", "ghou"}, {"قا", "qa", "qa"},  {"دار", "dar", "dar"}, {"كار", "kar", "kar"},
    {"سال", "sal", "sal"}, {"نور", "nur", "nour"}, {"حام", "ham", "ham"}, {"ريم", "rim", "rim"},
    {"إل", "el", "él"},   {"عام", "am", "am"},  {"عيد", "id", "id"},  {"أور", "or", "or"},
    {"دين", "den", "dène"}, {"ليم", "lem", "lème"}, {"مير", "mer", "mer"}, {"فين", "fen", "fène"},
};

/* per-type name templates; '@' is replaced by the stem */
static const char *const PLACE_TPL[][NLANG] = {
    {"@", "@", "@"},
    {"@", "@", "@"},
    {"@", "@", "@"},
    {"وادي @", "@ Valley", "Vallée de @"},
    {"ميناء @", "Port @", "Port-@"},
    {"جبل @", "Mount @", "Mont @"},
    {"مدينة @", "@ City", "@-Ville"},
    {"@ الجديدة", "New @", "Nouvelle-@"},
};

static const char *const ORG_TPL[][NLANG] = {
    {"بنك @", "@ Bank", "Banque @"},
    {"معهد @", "@ Institute", "Institut @"},
    {"مؤسسة @", "@ Foundation", "Fondation @"},
    {"حزب @", "@ Party", "Parti @"},
    {"شركة @", "@ Company", "Compagnie @"},
    {"جامعة @", "@ University", "Université @"},
    {"مجلس @", "@ Council", "Conseil @"},
    {"وكالة @", "@ Agency", "Agence @"},
    {"اتحاد @", "@ Union", "Union @"},
    {"جمعية @", "@ Association", "Association @"},
    {"مجموعة @", "@ Group", "Groupe @"},
    {"رابطة @", "@ League", "Ligue @"},
    {"نادي @", "@ Club", "Club @"},
    {"صندوق @", "@ Fund", "Fonds @"},
};

enum { T_PEOPLE, T_PLACES, T_ORGS, NTYPES };
static const char *const TYPE_NAME[NTYPES] = {"people", "places", "organisations"};

typedef struct {
    unsigned char type;
    char *name[NLANG];
} entity_t;

/* a stem of nsyl syllables in all three scripts, Latin ones capitalised */
static void gen_stem(rng_t *r, int nsyl, buf_t out[NLANG])
{
    for (int l = 0; l < NLANG; l++)
        bclear(&out[l]);
    for (int i = 0; i < nsyl; i++) {
        unsigned s = rbelow(r, (unsigned)NELEM(SYL));
        for (int l = 0; l < NLANG; l++)
            bput(&out[l], SYL[s][l]);
    }
    cap_first(out[EN].p);
    cap_first(out[FR].p);
}

static void apply_tpl(buf_t *dst, const char *tpl, const char *stem)
{
    for (const char *p = tpl; *p; p++) {
        if (*p == '@')
            bput(dst, stem);
        else
            bputc(dst, *p);
    }
}

/* string set for uniqueness (open addressing, FNV-1a) */
typedef struct {
    const char **slot;
    size_t mask;
} strset_t;

static uint64_t fnv1a(const char *s, unsigned salt)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ salt;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int strset_has(const strset_t *t, const char *s, unsigned salt)
{
    size_t i = (size_t)fnv1a(s, salt) & t->mask;
    while (t->slot[i]) {
        if ((unsigned char)t->slot[i][0] == salt && strcmp(t->slot[i] + 1, s) == 0)
            return 1;
        i = (i + 1) & t->mask;
    }
    return 0;
}

static void strset_add(strset_t *t, const char *s, unsigned salt)
{
    size_t i = (size_t)fnv1a(s, salt) & t->mask, n = strlen(s);
    char *k = xmalloc(n + 2);
    k[0] = (char)salt;
    memcpy(k + 1, s, n + 1);
    while (t->slot[i])
        i = (i + 1) & t->mask;
    t->slot[i] = k;
}

static entity_t *gen_entities(uint64_t seed, unsigned long ne)
{
    entity_t *ents = xcalloc(ne, sizeof *ents);
    strset_t set;
    size_t sz = 16;
    while (sz < ne * NLANG * 2)
        sz *= 2;
    set.slot = xcalloc(sz, sizeof *set.slot);
    set.mask = sz - 1;

    buf_t a[NLANG] = {{0}}, b[NLANG] = {{0}}, full[NLANG] = {{0}};
    rng_t r = rderive(seed, 1, 0);

    for (unsigned long i = 0; i < ne; i++) {
        unsigned t = rbelow(&r, 4);
        int type = t < 2 ? T_PEOPLE : t == 2 ? T_PLACES : T_ORGS;
        int ok = 0;
        for (int attempt = 0; attempt < 1000 && !ok; attempt++) {
            for (int l = 0; l < NLANG; l++)
                bclear(&full[l]);
            if (type == T_PEOPLE) {
                gen_stem(&r, rrange(&r, 2, 3), a);
                gen_stem(&r, rrange(&r, 2, 3), b);
                int al = rchance(&r, 30);
                for (int l = 0; l < NLANG; l++) {
                    bput(&full[l], a[l].p);
                    bputc(&full[l], ' ');
                    if (al)
                        bput(&full[l], l == AR ? "ال" : "Al-");
                    bput(&full[l], b[l].p);
                }
            } else {
                const char *const *tpl;
                if (type == T_PLACES) {
                    gen_stem(&r, rrange(&r, 2, 4), a);
                    tpl = PLACE_TPL[rbelow(&r, (unsigned)NELEM(PLACE_TPL))];
                } else {
                    gen_stem(&r, rrange(&r, 2, 3), a);
                    tpl = ORG_TPL[rbelow(&r, (unsigned)NELEM(ORG_TPL))];
                }
                for (int l = 0; l < NLANG; l++)
                    apply_tpl(&full[l], tpl[l], a[l].p);
            }
            ok = 1;
            for (int l = 0; l < NLANG && ok; l++)
                if (strset_has(&set, full[l].p, (unsigned)l + 1))
                    ok = 0;
        }
        if (!ok)
            die("could not generate %lu distinct entity names; use a smaller -e", ne);
        ents[i].type = (unsigned char)type;
        for (int l = 0; l < NLANG; l++) {
            strset_add(&set, full[l].p, (unsigned)l + 1);
            ents[i].name[l] = xstrdup(full[l].p);
        }
    }
    for (size_t i = 0; i < sz; i++)
        free((void *)set.slot[i]);
    free(set.slot);
    for (int l = 0; l < NLANG; l++) {
        free(a[l].p);
        free(b[l].p);
        free(full[l].p);
    }
    return ents;
}

/* ------------------------------------------------------------------ */
/* calendar (proleptic Gregorian, Howard Hinnant's algorithms)         */

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *yy, int *mm, int *dd)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *yy = (int)(y + (m <= 2));
    *mm = (int)m;
    *dd = (int)d;
}

#define FIRST_YEAR 2000
#define LAST_YEAR 2024
#define NYEARS (LAST_YEAR - FIRST_YEAR + 1)

/* ------------------------------------------------------------------ */
/* articles                                                            */

typedef struct {
    long day;
    unsigned long key; /* translation key, 0 = none */
    uint32_t ent[MAX_ART_ENT];
    unsigned char lang, nent, ntag, author;
    unsigned char tag[MAX_ART_TAGS];
} article_t;

/* Zipf sampler over ranks 1..n with weight ~ 1/k (integer weights: deterministic) */
typedef struct {
    uint64_t *cum;
    unsigned long n;
} zipf_t;

static void zipf_init(zipf_t *z, unsigned long n)
{
    z->n = n;
    z->cum = xmalloc(n * sizeof *z->cum);
    uint64_t acc = 0;
    for (unsigned long k = 1; k <= n; k++) {
        acc += (UINT64_C(1) << 40) / k;
        z->cum[k - 1] = acc;
    }
}

static unsigned long zipf_draw(const zipf_t *z, rng_t *r)
{
    uint64_t x = rbelow64(r, z->cum[z->n - 1]);
    unsigned long lo = 0, hi = z->n - 1;
    while (lo < hi) {
        unsigned long mid = lo + (hi - lo) / 2;
        if (z->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void shuffle(unsigned long *a, unsigned long n, rng_t *r)
{
    for (unsigned long i = n; i > 1; i--) {
        unsigned long j = (unsigned long)rbelow64(r, i);
        unsigned long t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

static article_t *plan_articles(uint64_t seed, unsigned long n, unsigned long ne)
{
    article_t *arts = xcalloc(n, sizeof *arts);
    rng_t r = rderive(seed, 2, 0);
    zipf_t z;
    zipf_init(&z, ne);
    long d0 = days_from_civil(FIRST_YEAR, 1, 1), d1 = days_from_civil(LAST_YEAR, 12, 31);

    for (unsigned long i = 0; i < n; i++) {
        article_t *a = &arts[i];
        unsigned l = rbelow(&r, 4);
        a->lang = (unsigned char)(l < 2 ? AR : l == 2 ? EN : FR);
        a->day = d0 + (long)rbelow64(&r, (uint64_t)(d1 - d0 + 1));
        a->author = (unsigned char)rbelow(&r, (unsigned)NELEM(AUTHORS));
        unsigned want = (unsigned)rrange(&r, 1, MAX_ART_ENT);
        if (want > ne)
            want = (unsigned)ne;
        while (a->nent < want) {
            uint32_t e = (uint32_t)zipf_draw(&z, &r);
            int dup = 0;
            for (unsigned j = 0; j < a->nent; j++)
                dup |= a->ent[j] == e;
            if (!dup)
                a->ent[a->nent++] = e;
        }
        want = (unsigned)rrange(&r, 1, MAX_ART_TAGS);
        while (a->ntag < want) {
            unsigned char t = (unsigned char)rbelow(&r, (unsigned)NELEM(TAGS));
            int dup = 0;
            for (unsigned j = 0; j < a->ntag; j++)
                dup |= a->tag[j] == t;
            if (!dup)
                a->tag[a->ntag++] = t;
        }
    }
    free(z.cum);

    /* translation groups: about 20% of the articles, groups of 2-3 in distinct
       languages; members share date (+0..2 days), entities, tags */
    unsigned long *pool[NLANG], cnt[NLANG] = {0}, pos[NLANG] = {0};
    for (int l = 0; l < NLANG; l++)
        pool[l] = xmalloc(n * sizeof **pool);
    for (unsigned long i = 0; i < n; i++)
        pool[arts[i].lang][cnt[arts[i].lang]++] = i;
    for (int l = 0; l < NLANG; l++)
        shuffle(pool[l], cnt[l], &r);

    static const int PAIRS[3][2] = {{AR, EN}, {AR, FR}, {EN, FR}};
    unsigned long target = n / 5, grouped = 0, key = 0;
    while (grouped + 2 <= target) {
        int langs[3], m = 0;
        if (grouped + 3 <= target && rchance(&r, 50)) {
            langs[0] = AR;
            langs[1] = EN;
            langs[2] = FR;
            m = 3;
        } else {
            const int *p = PAIRS[rbelow(&r, 3)];
            langs[0] = p[0];
            langs[1] = p[1];
            m = 2;
        }
        int avail = 1;
        for (int j = 0; j < m; j++)
            avail &= pos[langs[j]] < cnt[langs[j]];
        if (!avail) {
            /* fall back to any pair that is still available */
            m = 0;
            for (int p = 0; p < 3 && !m; p++)
                if (pos[PAIRS[p][0]] < cnt[PAIRS[p][0]] && pos[PAIRS[p][1]] < cnt[PAIRS[p][1]]) {
                    langs[0] = PAIRS[p][0];
                    langs[1] = PAIRS[p][1];
                    m = 2;
                }
            if (!m)
                break;
        }
        key++;
        article_t *lead = &arts[pool[langs[0]][pos[langs[0]]++]];
        lead->key = key;
        for (int j = 1; j < m; j++) {
            article_t *b = &arts[pool[langs[j]][pos[langs[j]]++]];
            b->key = key;
            b->day = lead->day + (long)rbelow(&r, 3);
            if (b->day > d1)
                b->day = d1;
            b->nent = lead->nent;
            memcpy(b->ent, lead->ent, sizeof b->ent);
            b->ntag = lead->ntag;
            memcpy(b->tag, lead->tag, sizeof b->tag);
        }
        grouped += (unsigned long)m;
    }
    for (int l = 0; l < NLANG; l++)
        free(pool[l]);
    return arts;
}

/* ------------------------------------------------------------------ */
/* text generation                                                     */

static void put_vocab(buf_t *b, rng_t *r, int lang, int cap)
{
    const vocab_t *v = &VOCAB[lang];
    bput_word(b, v->w[rbelow(r, v->n)], cap && lang != AR);
}

static void put_number(buf_t *b, rng_t *r)
{
    char tmp[32];
    int n;
    switch (rbelow(r, 4)) {
    case 0:
        n = snprintf(tmp, sizeof tmp, "%d", rrange(r, 1950, 2024));
        break;
    case 1:
        n = snprintf(tmp, sizeof tmp, "%d", rrange(r, 2, 999));
        break;
    case 2:
        n = snprintf(tmp, sizeof tmp, "%d%%", rrange(r, 1, 99));
        break;
    default: {
        /* two draws: keep them in separate statements (argument order is unspecified) */
        int ip = rrange(r, 1, 99);
        int fp = rrange(r, 0, 9);
        n = snprintf(tmp, sizeof tmp, "%d.%d", ip, fp);
        break;
    }
    }
    bputn(b, tmp, (size_t)n);
}

enum { S_WORD, S_NAME, S_NUM, S_ACR, S_EMPH, S_LINK, S_SKIP };

typedef struct {
    const char *mention; /* entity name to mention, or NULL */
    int emph;            /* wrap 1-3 words in *...* */
    int link;            /* wrap 2-3 words in a link */
    int force_num, force_acr;
    unsigned long link_id;
} sent_opts_t;

/* pick a free slot at or after a random position in [lo, n) */
static int free_slot(unsigned char *kind, int n, int lo, rng_t *r)
{
    int start = lo + (int)rbelow(r, (unsigned)(n - lo));
    for (int k = 0; k < n - lo; k++) {
        int i = lo + (start - lo + k) % (n - lo);
        if (kind[i] == S_WORD)
            return i;
    }
    return -1;
}

/* one sentence; returns the number of words written */
static int gen_sentence(buf_t *b, rng_t *r, int lang, int nwords, const sent_opts_t *o)
{
    unsigned char kind[32];
    int span[32];
    if (nwords > 24)
        nwords = 24;
    memset(kind, S_WORD, sizeof kind);

    if (o->link) {
        int len = rrange(r, 2, 3), st = rrange(r, 0, nwords - len);
        kind[st] = S_LINK;
        span[st] = len;
        for (int k = 1; k < len; k++)
            kind[st + k] = S_SKIP;
    }
    if (o->emph) {
        int len = rrange(r, 1, 3);
        for (int tries = 0; tries < 8; tries++) {
            int st = rrange(r, 0, nwords - len), ok = 1;
            for (int k = 0; k < len; k++)
                ok &= kind[st + k] == S_WORD;
            if (ok) {
                kind[st] = S_EMPH;
                span[st] = len;
                for (int k = 1; k < len; k++)
                    kind[st + k] = S_SKIP;
                break;
            }
        }
    }
    int i;
    if (o->mention && (i = free_slot(kind, nwords, 0, r)) >= 0)
        kind[i] = S_NAME;
    if ((o->force_num || rchance(r, lang == AR ? 35 : 20)) && (i = free_slot(kind, nwords, 1, r)) >= 0)
        kind[i] = S_NUM;
    if ((o->force_acr || rchance(r, lang == AR ? 30 : 8)) && (i = free_slot(kind, nwords, 1, r)) >= 0)
        kind[i] = S_ACR;

    const char *comma = lang == AR ? "،" : ",";
    int words = 0;
    for (i = 0; i < nwords; i++) {
        int first = i == 0;
        if (kind[i] == S_SKIP)
            continue;
        if (!first)
            bputc(b, ' ');
        switch (kind[i]) {
        case S_NAME:
            bput(b, o->mention);
            words += 2;
            break;
        case S_NUM:
            put_number(b, r);
            words++;
            break;
        case S_ACR:
            bput(b, ACRONYMS[rbelow(r, (unsigned)NELEM(ACRONYMS))]);
            words++;
            break;
        case S_EMPH:
        case S_LINK:
            bputc(b, kind[i] == S_EMPH ? '*' : '[');
            for (int k = 0; k < span[i]; k++) {
                if (k)
                    bputc(b, ' ');
                put_vocab(b, r, lang, first && k == 0);
                words++;
            }
            if (kind[i] == S_EMPH) {
                bputc(b, '*');
            } else {
                bput(b, "](https://example.org/");
                bput(b, LANG_CODE[lang]);
                bput(b, "/ref/");
                bputu(b, o->link_id);
                bputc(b, ')');
            }
            break;
        default:
            put_vocab(b, r, lang, first);
            words++;
            if (i < nwords - 2 && rchance(r, 7))
                bput(b, comma);
            break;
        }
    }
    bputc(b, '.');
    return words;
}

static void gen_title(buf_t *b, rng_t *r, int lang)
{
    int n = rrange(r, 6, 10);
    int num_at = rchance(r, 20) ? rrange(r, 1, n - 1) : -1;
    int acr_at = lang == AR && rchance(r, 15) ? rrange(r, 1, n - 1) : -1;
    for (int i = 0; i < n; i++) {
        if (i)
            bputc(b, ' ');
        if (i == num_at)
            put_number(b, r);
        else if (i == acr_at)
            bput(b, ACRONYMS[rbelow(r, (unsigned)NELEM(ACRONYMS))]);
        else
            put_vocab(b, r, lang, i == 0);
    }
}

static void gen_body(buf_t *b, rng_t *r, const article_t *a, const entity_t *ents,
                     unsigned long idx)
{
    int lang = a->lang;
    int target = rrange(r, 200, 560);
    int words = 0, par = 0;

    /* entity names mentioned in the text */
    const char *ment[3];
    int nment = rrange(r, 1, 3), next_ment = 0;
    if (nment > a->nent)
        nment = a->nent;
    {
        unsigned char order[MAX_ART_ENT];
        for (int k = 0; k < a->nent; k++)
            order[k] = (unsigned char)k;
        for (int k = a->nent; k > 1; k--) {
            int j = (int)rbelow(r, (unsigned)k);
            unsigned char t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < nment; k++)
            ment[k] = ents[a->ent[order[k]]].name[lang];
    }

    int want_list = rchance(r, 40), list_after = rrange(r, 2, 3);
    int want_quote = rchance(r, 50), quote_after = rrange(r, 1, 4);
    int want_link = rchance(r, 70), link_par = rrange(r, 0, 2);
    int emph_par = 0, emph_pending = 0;

    while (words < target) {
        int nsent = rrange(r, 3, 6);
        int link_sent = (want_link && par == link_par) ? rrange(r, 0, nsent - 1) : -1;
        int emph_sent = par == emph_par ? rrange(r, 0, nsent - 1) : -1;
        for (int s = 0; s < nsent && words < target; s++) {
            sent_opts_t o = {0};
            if (next_ment < nment && words >= target * next_ment / nment)
                o.mention = ment[next_ment++];
            o.link = s == link_sent;
            /* emphasis and link never share a sentence: a clash moves the
               emphasis to the next sentence (or the first of the next paragraph) */
            o.emph = s == emph_sent || emph_pending || rchance(r, 6);
            emph_pending = o.link && (s == emph_sent || emph_pending);
            if (o.link)
                o.emph = 0;
            o.force_num = lang == AR && par == 0 && s == 0;
            o.force_acr = lang == AR && par == 0 && s == 0;
            o.link_id = idx * 7 + 3;
            if (s)
                bputc(b, ' ');
            words += gen_sentence(b, r, lang, rrange(r, 6, 16), &o);
        }
        bput(b, "\n\n");
        par++;
        if (par == 1) {
            bput(b, "## ");
            int n = rrange(r, 3, 6);
            for (int k = 0; k < n; k++) {
                if (k)
                    bputc(b, ' ');
                put_vocab(b, r, lang, k == 0);
            }
            words += n;
            bput(b, "\n\n");
        }
        if (want_list && par >= list_after) {
            int items = rrange(r, 3, 5);
            for (int k = 0; k < items; k++) {
                int n = rrange(r, 3, 8);
                bput(b, "- ");
                for (int j = 0; j < n; j++) {
                    if (j)
                        bputc(b, ' ');
                    put_vocab(b, r, lang, j == 0);
                }
                words += n;
                bputc(b, '\n');
            }
            bputc(b, '\n');
            want_list = 0;
        }
        if (want_quote && par >= quote_after && words < target) {
            sent_opts_t o = {0};
            bput(b, "> ");
            if (lang != EN)
                bput(b, "« ");
            words += gen_sentence(b, r, lang, rrange(r, 8, 16), &o);
            if (lang != EN)
                bput(b, " »");
            bput(b, "\n\n");
            want_quote = 0;
        }
    }
    /* mentions not placed yet (very short bodies) go into a last paragraph */
    if (next_ment < nment) {
        while (next_ment < nment) {
            sent_opts_t o = {0};
            o.mention = ment[next_ment++];
            gen_sentence(b, r, lang, rrange(r, 6, 10), &o);
            if (next_ment < nment)
                bputc(b, ' ');
        }
        bput(b, "\n\n");
    }
    /* drop the trailing blank line: file ends with exactly one newline */
    while (b->len > 0 && b->p[b->len - 1] == '\n')
        b->len--;
    bputc(b, '\n');
}

static void put_quoted(buf_t *b, const char *s)
{
    /* generated strings never contain '"' or '\\'; assert it anyway */
    if (strpbrk(s, "\"\\"))
        die("internal error: quote or backslash in generated string: %s", s);
    bputc(b, '"');
    bput(b, s);
    bputc(b, '"');
}

static void gen_article(buf_t *b, uint64_t seed, unsigned long idx, const article_t *a,
                        const entity_t *ents)
{
    rng_t r = rderive(seed, 3, idx);
    int lang = a->lang, y, m, d;
    char date[16];
    civil_from_days(a->day, &y, &m, &d);
    snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);

    bclear(b);
    bput(b, "---\ntitle: ");
    buf_t t = {0};
    gen_title(&t, &r, lang);
    put_quoted(b, t.p);
    free(t.p);
    bput(b, "\ndate: ");
    bput(b, date);
    bput(b, "\nauthor: ");
    put_quoted(b, AUTHORS[a->author][lang == AR ? 0 : 1]);
    bput(b, "\ntags: [");
    for (int k = 0; k < a->ntag; k++) {
        if (k)
            bput(b, ", ");
        put_quoted(b, TAGS[a->tag[k]][lang]);
    }
    bput(b, "]\nentities:\n");
    for (int ty = 0; ty < NTYPES; ty++) {
        int any = 0;
        for (int k = 0; k < a->nent; k++) {
            const entity_t *e = &ents[a->ent[k]];
            if (e->type != ty)
                continue;
            bput(b, any ? ", " : "  ");
            if (!any) {
                bput(b, TYPE_NAME[ty]);
                bput(b, ": [");
            }
            put_quoted(b, e->name[lang]);
            any = 1;
        }
        if (any)
            bput(b, "]\n");
    }
    if (a->key) {
        bput(b, "translation_key: \"story-");
        bputu(b, a->key);
        bput(b, "\"\n");
    }
    bput(b, "---\n\n");
    gen_body(b, &r, a, ents, idx);
}

/* ------------------------------------------------------------------ */
/* files                                                               */

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot create %s: %s", path, strerror(errno));
    if (fwrite(data, 1, len, f) != len || fflush(f) != 0) {
        int e = errno;
        fclose(f);
        die("cannot write %s: %s", path, strerror(e));
    }
    if (fclose(f) != 0)
        die("cannot write %s: %s", path, strerror(errno));
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create directory %s: %s", path, strerror(errno));
}

/* mkdir -p for the output folder, then check that it is empty */
static void prepare_outdir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            die("%s exists and is not a directory", dir);
        DIR *d = opendir(dir);
        if (!d)
            die("cannot open %s: %s", dir, strerror(errno));
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
                closedir(d);
                die("refusing to write into non-empty directory %s", dir);
            }
        }
        closedir(d);
        return;
    }
    if (errno != ENOENT)
        die("cannot access %s: %s", dir, strerror(errno));
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            make_dir(p);
            *s = '/';
        }
    }
    make_dir(p);
    free(p);
}

static const char SITE_YAML[] =
    "title: \"Bench Archive\"\n"
    "base_url: \"https://bench.example.org/\"\n"
    "default_language: ar\n"
    "languages:\n"
    "  - code: ar\n"
    "    name: \"العربية\"\n"
    "  - code: en\n"
    "    name: \"English\"\n"
    "  - code: fr\n"
    "    name: \"Français\"\n"
    "paginate: 20\n";

/* ------------------------------------------------------------------ */
/* arguments                                                           */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: %s -n N -o DIR [-e ENTITIES] [--seed S]\n"
            "  -n N          number of articles (1..%lu)\n"
            "  -o DIR        output folder (created; must be empty if it exists)\n"
            "  -e ENTITIES   size of the entity pool (1..%lu, default %lu)\n"
            "  --seed S      PRNG seed, decimal or 0x-hex (default %llu)\n",
            prog, MAX_ARTICLES, MAX_ENTITIES, DEFAULT_ENTITIES,
            (unsigned long long)DEFAULT_SEED);
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage(stderr);
    exit(2);
}

static uint64_t parse_u64(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
    char *end;
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        bad_usage("option %s needs a non-negative integer", opt);
    errno = 0;
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    unsigned long long v = strtoull(hex ? s + 2 : s, &end, hex ? 16 : 10);
    if (errno || *end || (hex && !s[2]) || v < lo || v > hi) {
        fprintf(stderr, "%s: bad value '%s' for %s (allowed %llu..%llu)\n", prog, s, opt,
                (unsigned long long)lo, (unsigned long long)hi);
        usage(stderr);
        exit(2);
    }
    return (uint64_t)v;
}

int main(int argc, char **argv)
{
    unsigned long n = 0, ne = DEFAULT_ENTITIES;
    uint64_t seed = DEFAULT_SEED;
    const char *out = NULL;
    int have_n = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-n") == 0) {
            n = (unsigned long)parse_u64("-n", v, 1, MAX_ARTICLES);
            have_n = 1;
            i++;
        } else if (strcmp(a, "-e") == 0) {
            ne = (unsigned long)parse_u64("-e", v, 1, MAX_ENTITIES);
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            seed = parse_u64("--seed", v, 0, UINT64_MAX);
            i++;
        } else if (strncmp(a, "--seed=", 7) == 0) {
            seed = parse_u64("--seed", a + 7, 0, UINT64_MAX);
        } else if (strcmp(a, "-o") == 0) {
            if (!v || !*v)
                bad_usage("option %s needs a directory", "-o");
            out = v;
            i++;
        } else {
            bad_usage("unknown argument '%s'", a);
        }
    }
    if (!have_n)
        bad_usage("%s is required", "-n N");
    if (!out)
        bad_usage("%s is required", "-o DIR");

    prepare_outdir(out);

    entity_t *ents = gen_entities(seed, ne);
    article_t *arts = plan_articles(seed, n, ne);

    static char path[4200];
    if (strlen(out) > 4000)
        die("output path too long");
    buf_t b = {0};

    snprintf(path, sizeof path, "%s/site.yaml", out);
    write_file(path, SITE_YAML, sizeof SITE_YAML - 1);

    for (unsigned long i = 0; i < ne; i++) {
        bput(&b, "- id: e");
        bputu(&b, i + 1);
        bput(&b, "\n  type: ");
        bput(&b, TYPE_NAME[ents[i].type]);
        bput(&b, "\n  names: {ar: ");
        put_quoted(&b, ents[i].name[AR]);
        bput(&b, ", en: ");
        put_quoted(&b, ents[i].name[EN]);
        bput(&b, ", fr: ");
        put_quoted(&b, ents[i].name[FR]);
        bput(&b, "}\n");
    }
    snprintf(path, sizeof path, "%s/entities.yaml", out);
    write_file(path, b.p, b.len);

    snprintf(path, sizeof path, "%s/content", out);
    make_dir(path);
    unsigned char made[NLANG][NYEARS] = {{0}};
    for (int l = 0; l < NLANG; l++) {
        snprintf(path, sizeof path, "%s/content/%s", out, LANG_CODE[l]);
        make_dir(path);
    }
    for (unsigned long i = 0; i < n; i++) {
        const article_t *a = &arts[i];
        int y, m, d;
        civil_from_days(a->day, &y, &m, &d);
        if (!made[a->lang][y - FIRST_YEAR]) {
            snprintf(path, sizeof path, "%s/content/%s/%04d", out, LANG_CODE[a->lang], y);
            make_dir(path);
            made[a->lang][y - FIRST_YEAR] = 1;
        }
        gen_article(&b, seed, i, a, ents);
        snprintf(path, sizeof path, "%s/content/%s/%04d/%lu.md", out, LANG_CODE[a->lang], y, i + 1);
        write_file(path, b.p, b.len);
    }

    free(b.p);
    free(arts);
    for (unsigned long i = 0; i < ne; i++)
        for (int l = 0; l < NLANG; l++)
            free(ents[i].name[l]);
    free(ents);
    return 0;
}
