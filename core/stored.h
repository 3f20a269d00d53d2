// What the index stores with each unit (Xapian document data) for display, so that search never
// reads the corpus files. The indexer writes it, query/ reads it.
//
// Encoded as compact JSON: readable with xapian-delve, and new fields can be added without a schema
// bump (readers ignore what they do not know).
#pragma once

#include <string>
#include <vector>

#include "core/document.h"

namespace annosearch {

// A mention of an entity inside a passage, spans relative to the passage text (code points).
struct StoredMention {
  Span span;
  std::string entity;
  bool automatic = false;  // source "auto" (the annotator's)
};

// A date expression inside a passage, span relative to the passage text.
struct StoredDate {
  Span span;
  std::string value;       // normalised, "2021-12-09" or "2021-10-01..2021-10-10"
  bool automatic = false;  // source "auto"
};

// The data of an article (passage == 0) or passage (passage >= 1) document.
struct StoredUnit {
  std::string id;   // document id
  int passage = 0;  // 0 for the article, else the 1-based passage number
  std::string title;
  std::string date;  // publication date as known ("2021-12"), or empty
  std::string source;
  std::string url;
  std::string dateline;  // article only: the document's dateline, when it has one
  std::string language;
  std::vector<std::string> authors;
  int passages = 0;  // article only: how many passages the document has
  // Passage only: the passage text, the entity mentions and date expressions in it.
  std::string text;
  std::vector<StoredMention> mentions;
  std::vector<StoredDate> dates;
  // Entity and theme ids annotated on the unit (themes as annotated, without ancestors).
  std::vector<std::string> actors;
  std::vector<std::string> themes;
  // Of those, the automatic ones (source "auto"); the rest are gold.
  std::vector<std::string> auto_actors;
  std::vector<std::string> auto_themes;
};

// Drops the unit's automatic annotations (mentions, dates, actors, themes), keeping the gold ones:
// what the views show under --gold-only.
void keep_gold(StoredUnit& unit);

[[nodiscard]] std::string serialize(const StoredUnit& unit);
// Throws Error(kIndex) when the data is not a stored unit (a corrupt or foreign index).
[[nodiscard]] StoredUnit parse_stored_unit(const std::string& data);

}  // namespace annosearch
