// The annotator: entities, dates and themes for documents that arrive without them.
//
// Entities: every name and alias of every registry entity becomes a sequence of matching keys
// (annotator_text.h: the index's folding, then transliteration to Latin, so scripts meet) in one
// token trie, built once. A text is walked once; at each word the longest sequence the trie holds
// wins (`Russian Foreign Ministry` over `Russian`), spans never overlap; a name does not cross
// punctuation or a line, except a full stop and spaces that its alias writes too (`St. Louis`).
// Case must agree where the alias says so: an all-capital alias (`UN`) needs capitals in the text,
// a capitalised one
// (`Turkey`) a capital first letter. Context rules then settle names shared by several entities
// (docs/annotation-guidelines.md section 4): a capital used for its government links to the
// country unless the city is a place ("taking over Kabul"); a demonym (`Tajik`) links to the
// state unless it denotes people ("Tajik citizens", "ethnic Uzbeks and Turkmen") or the language
// ("Tajik language"); other shared names go to the entity with most related entities in the
// document. Aliases with common nouns around a name (`the West`, `Tajik people`) decide the link
// but the span keeps to the capitalised name.
//
// Dates: date_extract.h. Themes: each theme's `keywords` in the taxonomy are evidence; a passage
// gets the most specific themes with evidence (a parent only when it has evidence of its own and
// no child has), a passage without evidence the document's leading theme; the document weight is
// the share of passages.
//
// Salience (places only): an automatic GPE or LOC entry not in the dateline or title, not in the
// first paragraph, named once and not the only place named is marked salient: false (named in
// passing); its mentions stay, only document-level comparisons leave it out.
//
// Provenance: everything added has source "auto" and a confidence. What the input has is never
// changed: an entity it lists (gold or not, with mentions or document-level) is left as it is,
// an automatic mention overlapping an existing one is dropped, dates are added only where the
// input has none overlapping, themes only to a document without any.
//
// Thread-safe: annotate() is const and keeps no state between calls, so build workers can share
// one Annotator.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/document.h"
#include "indexer/date_extract.h"

namespace annosearch {

struct AnnotatorOptions {
  bool entities = true;
  bool dates = true;
  bool themes = true;
  // Languages whose month and weekday names dates may use (English is always known).
  std::vector<std::string> languages = {"en", "ru", "tg"};
};

// What annotate() added to one document.
struct AnnotationCounts {
  std::size_t entities = 0;  // entity entries added
  std::size_t mentions = 0;  // mentions in them
  std::size_t dates = 0;
  std::size_t themes = 0;
  [[nodiscard]] bool empty() const { return entities + dates + themes == 0; }
};

// An automatic entity mention before merging, for tests and --diff: where, which entity, how sure.
struct FoundMention {
  Span span;
  std::string id;
  double confidence = 0;
  std::string rule;  // "unique", "capital-as-place", "capital-as-government", "demonym-people",
                     // "demonym-state", "language", "context", "tie"
};

// A capitalised name no registry entity covers (annotate --candidates).
struct NameCandidate {
  std::string name;
  std::size_t count = 0;
  std::vector<std::string> contexts;  // up to three example contexts
};

class Annotator {
 public:
  Annotator(const Registry& registry, const Taxonomy& taxonomy, AnnotatorOptions options = {});
  ~Annotator();
  Annotator(const Annotator&) = delete;
  Annotator& operator=(const Annotator&) = delete;

  // Adds automatic annotations to what the document lacks (see the file comment).
  AnnotationCounts annotate(Document& doc) const;

  // The entity mentions of a text, resolved, before merging (one per span, in order).
  [[nodiscard]] std::vector<FoundMention> find_entities(const std::string& text) const;
  // The dates of a document's text, before merging.
  [[nodiscard]] std::vector<DateMention> find_dates(const Document& doc) const;
  // Passage themes from the keywords: theme id -> passages, with weights, before merging.
  [[nodiscard]] std::vector<ThemeAnnotation> find_themes(const std::string& text) const;

  // Capitalised word sequences in the text that no registry name covers, added to `into` by name.
  void collect_candidates(const std::string& text,
                          std::map<std::string, NameCandidate>& into) const;

  [[nodiscard]] std::size_t entity_count() const;
  [[nodiscard]] std::size_t name_count() const;  // names and aliases in the matcher
  [[nodiscard]] std::size_t theme_keyword_count() const;

 private:
  struct Impl;
  static void mark_salience(const Impl& m, const Document& doc, const std::set<std::string>& listed,
                            const std::set<std::string>& in_dateline,
                            std::map<std::string, EntityAnnotation>& added);
  std::unique_ptr<Impl> impl_;
};

// The registry and taxonomy of an index (its metadata), for `annotate --index` and `build`.
// One function so that how the index stores them can change in one place.
struct AnnotationResources {
  Registry registry;
  Taxonomy taxonomy;
  std::vector<std::string> languages;
};
[[nodiscard]] AnnotationResources load_annotation_resources(const std::string& index_dir);

}  // namespace annosearch
