// The index schema: every term prefix, value slot and metadata key that the indexer writes and the
// query side reads, as compile-time constants, so a typo fails to compile. docs/schema.md describes
// the same table and a test checks that the two agree.
//
// Layout: one Xapian document per article and one per passage (paragraph), in the same database,
// told apart by the level term. Both carry the filter terms of their unit, so every filter and
// every facet works at both levels without joins.
#pragma once

#include <charconv>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <xapian.h>

namespace annosearch::schema {

// Bump when the meaning of anything below changes; an index of another version is refused (exit 3).
// 2: build --jobs merges parts (same layout), the ':' rule also guards values starting with ':',
//    one codec (below and core/calendar.h) for every term more than one module reads.
//    The registry is also stored by key (metadata per entity and per folded name, alias and
//    Latin-ASCII form), so searches read only the entries they need.
// 3: provenance: gold twins of the actor, mention, theme and date terms (kPrefixGold*) and of the
//    actor and theme facet slots (kSlotGold*), and the automatic annotations marked in the stored
//    data, so searches, facets and views can keep to gold annotations (--gold-only).
// 4: the unit's mention counts per entity in value slots (kSlotMentions, kSlotGoldMentions), so
//    the actor facet and --min-mentions read one value instead of the unit's whole term list.
inline constexpr int kSchemaVersion = 4;

// ---- Term prefixes (Omega conventions: Q is the unique id, application prefixes start with X).
// Unique id: "Q<doc-id>" for an article, "Q<doc-id>#<n>" for passage n.
inline constexpr std::string_view kPrefixUid = "Q";
// Groups an article with its passages: "XDOC<doc-id>" on all of them (delete and replace by id).
inline constexpr std::string_view kPrefixDoc = "XDOC";
// Level of the unit: kTermArticle or kTermPassage.
inline constexpr std::string_view kTermArticle = "XLEVELarticle";
inline constexpr std::string_view kTermPassage = "XLEVELpassage";
// Boolean filter: the unit has this entity (an entity mentioned in it, or a document-level one).
inline constexpr std::string_view kPrefixActor = "XA";
// Positional: a mention of the entity, at the word position of the mention's first word.
inline constexpr std::string_view kPrefixMention = "XM";
// Boolean filter: the unit has this theme or a descendant of it (ancestors are indexed too).
inline constexpr std::string_view kPrefixTheme = "XT";
// Boolean filter: publication date blocks, "XP2021", "XP2021-12", "XP2021-12-09", as precise as
// known.
inline constexpr std::string_view kPrefixPubDate = "XP";
// Boolean filter: the unit mentions a date within this block ("XW2021", "XW2021-11",
// "XW2021-11-28").
inline constexpr std::string_view kPrefixWhen = "XW";
// Gold twins of kPrefixActor, kPrefixMention, kPrefixTheme and kPrefixWhen: the same terms made
// from the unit's gold annotations only (every annotation whose source is not "auto", the
// annotator's), for --gold-only. A unit's actor is gold or automatic, never both (one entry per
// entity and document); a theme ancestor or a date block may be both.
inline constexpr std::string_view kPrefixGoldActor = "XGA";
inline constexpr std::string_view kPrefixGoldMention = "XGM";
inline constexpr std::string_view kPrefixGoldTheme = "XGT";
inline constexpr std::string_view kPrefixGoldWhen = "XGW";
// Boolean filter: the document's language (BCP 47, lower case), as Omega's "L".
inline constexpr std::string_view kPrefixLanguage = "L";
// Boolean filter: the document's source, folded to lower case.
inline constexpr std::string_view kPrefixSource = "XSOURCE";
// Stemmed word, without positions (Xapian's STEM_SOME convention). Unstemmed words carry no prefix
// and keep positions (for phrases and proximity).
inline constexpr std::string_view kPrefixStem = "Z";

// ---- The codec: every term that more than one module writes or reads is made and read here (and
// calendar blocks in core/calendar.h), never by hand.

// A term: prefix + value, with ':' between them when the prefix has more than one character and
// the value starts with an upper-case ASCII letter or with ':' (Omega's rule, so "XA" + "Usa"
// cannot be read as prefix "XAU" + "sa", and a value ":x" survives the round trip).
[[nodiscard]] std::string term(std::string_view prefix, std::string_view value);
// The value of a term made by term(prefix, value), or nullopt when the term lacks the prefix.
[[nodiscard]] std::optional<std::string> term_value(std::string_view term, std::string_view prefix);

// Unique id terms: "Q<doc-id>" for an article, "Q<doc-id>#<n>" for its passage n (n >= 1).
[[nodiscard]] std::string article_uid(std::string_view doc_id);
[[nodiscard]] std::string passage_uid(std::string_view doc_id, int passage);
// What a unique id term names: the document id and the passage number (0: the article).
struct UnitId {
  std::string doc_id;
  int passage = 0;
};
// Nullopt when the term is not a unique id term. Document ids never contain '#'.
[[nodiscard]] std::optional<UnitId> decode_uid(std::string_view term);
// The term grouping an article with its passages: "XDOC<doc-id>" (with the ':' rule).
[[nodiscard]] std::string doc_term(std::string_view doc_id);

// ---- Value slots.
enum Slot : Xapian::valueno {
  // Publication date interval: first and last day the date may stand for, "YYYYMMDD".
  kSlotDateFirst = 0,
  kSlotDateLast = 1,
  // Publication date as known ("2021", "2021-12", "2021-12-09"): the date facet.
  kSlotDate = 2,
  // Entity ids of the unit, the actor facet: a list encoded with encode_list().
  kSlotActors = 3,
  // Theme ids of the unit with their ancestors, the theme facet: encode_list().
  kSlotThemes = 4,
  // Content hash of the document and its annotations as read, before the annotator adds to them
  // (article documents only; hex): what `verify` and `update` compare with the input.
  kSlotHash = 5,
  // Passage number (passage documents only), as Xapian::sortable_serialise.
  kSlotPassage = 6,
  // Gold twins of kSlotActors and kSlotThemes: from the unit's gold annotations only.
  kSlotGoldActors = 7,
  kSlotGoldThemes = 8,
  // Entities mentioned in the unit's text with their mention counts (the wdf of their
  // kPrefixMention
  // terms): encode_counts(). What the actor facet's document_level and --min-mentions read.
  kSlotMentions = 9,
  // Its gold twin: gold mentions only (kPrefixGoldMention).
  kSlotGoldMentions = 10,
};

// The source of an automatic annotation (`annosearch annotate`); every other source (absent,
// "gold", an importer's such as "reuters", a tool's name) counts as gold for --gold-only.
inline constexpr std::string_view kSourceAuto = "auto";
[[nodiscard]] inline bool is_gold_source(std::string_view source) { return source != kSourceAuto; }

// Encodes a list of ids for a value slot: ids joined by '\n' (ids never contain one).
[[nodiscard]] std::string encode_list(const std::vector<std::string>& ids);
// Calls fn(std::string_view id) for each id of an encoded list, without allocating.
template <typename Fn>
void for_each_in_list(std::string_view encoded, Fn&& fn) {
  while (!encoded.empty()) {
    const std::size_t nl = encoded.find('\n');
    fn(encoded.substr(0, nl));
    if (nl == std::string_view::npos) break;
    encoded.remove_prefix(nl + 1);
  }
}

// Encodes entity ids with counts for a value slot: "id\tcount" entries joined by '\n' (ids never
// contain a control character).
[[nodiscard]] std::string encode_counts(const std::map<std::string, std::size_t>& counts);
// The counts of an encode_counts() value; malformed entries are skipped.
[[nodiscard]] std::map<std::string, std::size_t> decode_counts(std::string_view encoded);
// Calls fn(id, count) for each well-formed entry of an encode_counts() value, in stored order,
// without copying: the ids are views into `encoded` (what the facet counter reads per match).
template <typename Fn>
void for_each_count(std::string_view encoded, Fn&& fn) {
  for_each_in_list(encoded, [&](std::string_view entry) {
    const std::size_t tab = entry.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) return;
    std::size_t n = 0;
    const auto digits = entry.substr(tab + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size()) return;
    fn(entry.substr(0, tab), n);
  });
}

// ---- Metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "annosearch.schema_version";
// The entity registry (JSON array of entities) and its version (a content hash).
inline constexpr std::string_view kMetaRegistry = "annosearch.registry";
inline constexpr std::string_view kMetaRegistryVersion = "annosearch.registry_version";
// The theme taxonomy (JSON array of themes) and its version.
inline constexpr std::string_view kMetaTaxonomy = "annosearch.taxonomy";
inline constexpr std::string_view kMetaTaxonomyVersion = "annosearch.taxonomy_version";
// Counts, so stats needs no scan: documents (articles) and passages.
inline constexpr std::string_view kMetaArticleCount = "annosearch.articles";
inline constexpr std::string_view kMetaPassageCount = "annosearch.passages";
// The languages of the indexed documents (BCP 47 primary subtags, sorted, comma-separated:
// "en,ru"), so a query word is stemmed for each; absent in an index means "en".
inline constexpr std::string_view kMetaLanguages = "annosearch.languages";
// The registry by key (core/registry_store.h), so a search reads only the entries it needs:
// entity id -> the entity as JSON; folded name / folded alias / transliterated folded name or
// alias -> ids ('\n'-joined); id -> "relation\tid" lines of the entities whose `related` names it;
// the number of entities; their types ('\n'-joined).
inline constexpr std::string_view kMetaEntityPrefix = "annosearch.entity:";
inline constexpr std::string_view kMetaNamePrefix = "annosearch.name:";
inline constexpr std::string_view kMetaAliasPrefix = "annosearch.alias:";
inline constexpr std::string_view kMetaLatinPrefix = "annosearch.latin:";
inline constexpr std::string_view kMetaNamedByPrefix = "annosearch.named-by:";
inline constexpr std::string_view kMetaEntityCount = "annosearch.entities";
inline constexpr std::string_view kMetaEntityTypes = "annosearch.entity_types";
// Metadata keys are cut to this many bytes (Xapian's B-tree keys hold about 250).
inline constexpr std::size_t kMaxMetaKeyBytes = 240;
// How the last build annotated its input: "auto" (the annotator filled what the input lacked) or
// "off".
inline constexpr std::string_view kMetaAnnotate = "annosearch.annotate";
// What wrote the index: "annosearch 0.1.0", and when (ISO 8601, UTC).
inline constexpr std::string_view kMetaWriter = "annosearch.writer";
inline constexpr std::string_view kMetaBuiltAt = "annosearch.built_at";

// Word positions: passages are kPassagePositionGap apart in an article document, so a phrase or a
// proximity query never matches across a paragraph break.
inline constexpr Xapian::termpos kPassagePositionGap = 100;
// Terms longer than this many bytes are not indexed (Xapian's limit is 245 with the prefix).
inline constexpr std::size_t kMaxTermBytes = 120;
// Longest id (document, entity, theme) and folded source accepted by validation: the longest
// prefix ("XSOURCE:") or suffix ("#" and a passage number) keeps the term within Xapian's 245.
inline constexpr std::size_t kMaxIdBytes = 200;
// Longest language tag accepted (BCP 47 tags in use are far shorter).
inline constexpr std::size_t kMaxLanguageBytes = 64;

}  // namespace annosearch::schema
