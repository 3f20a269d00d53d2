// The document model: an annotated document, the entity registry and the theme taxonomy, as plain
// structs. Reading them from JSON (with diagnostics) is indexer/'s job; core/json.h converts them.
//
// Offsets are Unicode code points into Document::text, end exclusive (as Python, spaCy and brat).
// Passage n (1-based) is the n-th line of the text, split on '\n'.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace annosearch {

struct Span {
  std::size_t start = 0;  // code point offset, inclusive
  std::size_t end = 0;    // code point offset, exclusive
};

// An entity annotated in a document. No mentions: a document-level annotation (Reuters-21578
// style), which applies to the document and to each of its passages.
struct EntityAnnotation {
  std::string id;  // registry id
  std::vector<Span> mentions;
  std::string source;                  // "gold", "auto" or a tool's name
  std::optional<double> confidence{};  // 0..1, for automatic annotations
  // false: the annotator judged the entity named in passing, not what the document is about (its
  // salience rule for places, docs/annotation-guidelines.md section 9). Its mentions stand; only
  // document-level comparisons (eval-annotations --salient) leave it out. Written only when false.
  bool salient = true;
};

// A theme of a document. No passages: the whole document (and so each of its passages).
struct ThemeAnnotation {
  std::string id;  // taxonomy id
  std::optional<double> weight;
  std::vector<int> passages;  // 1-based passage numbers
  std::string source;
};

// A date expression found in the text, normalised ("2021-12-09", "2021-05",
// "2021-10-01..2021-10-10").
struct DateMention {
  Span span;
  DateRange value;
  std::string source{};  // empty (not written) for gold dates; "auto" for the annotator
  std::optional<double> confidence{};  // 0..1, for automatic annotations
};

struct Document {
  std::string id;  // unique and stable; letters, digits and ._:/-
  std::string title;
  std::optional<PartialDate> date;  // publication date, with its precision
  std::string source;
  std::string url;
  // Where the story was filed, as a wire service writes it before the text ("HOUSTON, Feb 26 -");
  // not part of the text, so it has no spans: the annotator reads its place.
  std::string dateline;
  std::string language = "en";  // BCP 47
  std::vector<std::string> authors;
  std::string text;  // UTF-8; paragraphs separated by '\n'
  std::vector<EntityAnnotation> entities;
  std::vector<ThemeAnnotation> themes;
  std::vector<DateMention> dates;
};

// A passage of a document: its number and where it lies in the text.
struct Passage {
  int n = 0;  // 1-based
  Span span;  // code points in Document::text, without the '\n'
};

// The passages of a text (every line, empty ones included, so numbering follows the lines).
[[nodiscard]] std::vector<Passage> split_passages(const std::string& utf8_text);

struct Relation {
  std::string relation;  // e.g. "capital-of", "member-of", "head-of-state"
  std::string id;        // registry id of the related entity
};

struct Entity {
  std::string id;
  std::string name;
  std::string type;  // PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, ...
  std::vector<std::string> aliases;
  std::string wikidata;  // Q-id, or empty
  std::vector<Relation> related;
  std::string description;
};

struct Theme {
  std::string id;
  std::string label;
  std::string parent;  // empty for a top-level theme
  std::string description;
  std::string iptc;  // IPTC Media Topics code, or empty
  // Evidence for the annotator: words and phrases that point to the theme ("refugee*" matches
  // every word starting with "refugee"). Folded as index terms are.
  std::vector<std::string> keywords{};
};

// The entity registry: entities by id. Plain data; lookups by name live in query/.
class Registry {
 public:
  // Adds or replaces the entity with this id.
  void put(Entity entity);
  [[nodiscard]] const Entity* find(const std::string& id) const;
  [[nodiscard]] const std::map<std::string, Entity>& entities() const { return entities_; }
  [[nodiscard]] std::size_t size() const { return entities_.size(); }

 private:
  std::map<std::string, Entity> entities_;
};

// The theme taxonomy: themes by id, with their parents.
class Taxonomy {
 public:
  void put(Theme theme);
  [[nodiscard]] const Theme* find(const std::string& id) const;
  // The theme and its ancestors, nearest first ("trade" -> trade, economy). Stops at unknown ids
  // and at cycles.
  [[nodiscard]] std::vector<std::string> with_ancestors(const std::string& id) const;
  // The theme and all its descendants.
  [[nodiscard]] std::vector<std::string> with_descendants(const std::string& id) const;
  [[nodiscard]] const std::map<std::string, Theme>& themes() const { return themes_; }
  [[nodiscard]] std::size_t size() const { return themes_.size(); }

 private:
  std::map<std::string, Theme> themes_;
};

// Unicode helpers on UTF-8 strings.
// Number of code points; counts each invalid byte as one.
[[nodiscard]] std::size_t count_code_points(const std::string& utf8);
// The substring between two code point offsets (clamped to the string).
[[nodiscard]] std::string substr_code_points(const std::string& utf8, std::size_t start,
                                             std::size_t end);
// Slices one text many times in linear total time: keeps the byte offset of every 64th code point,
// so each lookup walks at most 63 code points (substr_code_points walks from the start, which made
// building a document with many passages quadratic). The text must outlive the index.
class CodePointIndex {
 public:
  explicit CodePointIndex(const std::string& utf8);
  // Byte offset of code point `cp`; the text's size for cp >= size().
  [[nodiscard]] std::size_t byte_offset(std::size_t cp) const;
  // As substr_code_points(text, start, end).
  [[nodiscard]] std::string substr(std::size_t start, std::size_t end) const;
  [[nodiscard]] std::size_t size() const { return count_; }

 private:
  static constexpr std::size_t kStride = 64;
  const std::string& text_;
  std::vector<std::size_t> every_;  // byte offset of code points 0, 64, 128, ...
  std::size_t count_ = 0;
};
// True when the whole string is valid UTF-8; otherwise sets *bad_offset to the first bad byte.
[[nodiscard]] bool is_valid_utf8(const std::string& bytes, std::size_t* bad_offset = nullptr);

}  // namespace annosearch
