// Targeted re-annotation: when the registry or the taxonomy changes, which indexed documents the
// change can affect, found through the index rather than by re-reading the archive, and an indexed
// document rebuilt from what the index stores so that it can be annotated again.
//
// A document's automatic annotations depend on the registry entries whose names occur in its text
// (a mention, or a related entity that settles an ambiguous one) and on the theme keywords that
// occur in it. So a change can affect exactly the documents that
//   - contain a name or alias of an entity that is new, removed, or changed in a way the annotator
//     reads (name, aliases, type, related), before or after the change; or
//   - contain a keyword of a theme that is new, removed, or changed (keywords, parent); or
//   - carry an automatic annotation of such an entity or theme.
// Names and keywords are looked up as the annotator matches them: each word's matching key
// (indexer/annotator_text.h: folded, transliterated to Latin ASCII), so a Cyrillic spelling in a
// text is found for a Latin alias. The index's words are read once (its vocabulary, not its
// documents) and mapped to those keys; a name is found in the articles that hold every one of its
// keys (a superset of the articles holding the name in order, never a subset).
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/document.h"

namespace annosearch {

struct RegistryChange {
  std::vector<std::string> entities;  // ids new, removed or changed (name, aliases, type, related)
  std::vector<std::string> themes;    // ids new, removed or changed (keywords, parent)
  [[nodiscard]] bool empty() const { return entities.empty() && themes.empty(); }
};

// What differs between two registries and taxonomies, for the annotator.
[[nodiscard]] RegistryChange registry_change(const Registry& before, const Registry& after,
                                             const Taxonomy& taxonomy_before,
                                             const Taxonomy& taxonomy_after);

struct AffectedDocuments {
  std::set<std::string> ids;       // document ids
  std::size_t by_words = 0;        // of those, found by a name or keyword in the text
  std::size_t by_annotation = 0;   // found by an automatic annotation of a changed id
  std::vector<std::string> forms;  // the names and keywords looked up (for the report)
};

// The documents of the index (read before the update writes) that `change` can affect.
[[nodiscard]] AffectedDocuments affected_documents(const Xapian::Database& db,
                                                   const RegistryChange& change,
                                                   const Registry& before, const Registry& after,
                                                   const Taxonomy& taxonomy_before,
                                                   const Taxonomy& taxonomy_after);

// A document as the index holds it: the article's metadata, the text rebuilt from the stored
// passages (a passage the index has no unit for, one without words, comes back as an empty line,
// so passage numbers hold), and its gold annotations (every one whose source is not "auto"; their
// source comes back as "gold", weights and confidences are not stored). With `with_auto`, the
// automatic ones too (source "auto"). Nullopt when the index has no document `id`.
struct IndexedDocument {
  Document document;
  std::string hash;  // the content hash stored with it (of the input as first read)
};
[[nodiscard]] std::optional<IndexedDocument> indexed_document(const Xapian::Database& db,
                                                              const std::string& id,
                                                              bool with_auto);

// The automatic annotations of a document, in a form that compares: "e id start end",
// "d start end value", "t id passage" (a theme without passages on each of `passages`).
[[nodiscard]] std::set<std::string> automatic_annotations(const Document& doc);

}  // namespace annosearch
