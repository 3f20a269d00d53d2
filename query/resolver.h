// Resolving what a user typed (`--actor Rakhmon`, `--theme Trade`) to registry and taxonomy ids.
//
// Actors, in tiers: an exact entity id wins (via "id"); else the folded input equal to an entity's
// folded primary name (via "name"); else equal to one of its folded aliases (via "alias"); else
// the input's Latin-ASCII form (ICU Any-Latin; Latin-ASCII) equal to a name's or alias's, in any
// script (via "transliteration": "Эмомалӣ Раҳмон" finds "Emomali Rahmon"). Folding is
// core/registry_store.h's name_key(), so "EMOMALI  rahmon" is "Emomali Rahmon".
// Two entities in the winning tier make the input ambiguous; an input matching nothing is unknown.
// Both are usage errors (exit 2) that list the candidates: never a silent empty result.
//
// Aliases are resolved here, not with Xapian's synonym table, so that remote shards work too.
// Thread-safety: const methods may be called from several threads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/registry_store.h"

namespace annosearch {

// How an input was resolved; echoed in the search output's query.resolved.
struct Resolution {
  std::string input;  // as the user typed it
  std::string id;     // registry (or taxonomy) id
  std::string via;    // "id", "name", "alias" (themes: "id" or "label")
  // Set when the entity occurs in no indexed unit but the input also names one that does (a city
  // used for its government, say): which id to use instead. Empty otherwise.
  std::string note;
};

class ActorResolver {
 public:
  // Keeps a reference to `registry`, which must outlive the resolver. Every lookup is a B-tree
  // lookup in the index metadata (core/registry_store.h); nothing is read in advance.
  explicit ActorResolver(const RegistryView& registry);

  // Throws Error(kUsage) when the input is ambiguous or unknown (message lists the candidates).
  [[nodiscard]] Resolution resolve(const std::string& input) const;

  // Entities other than `except` whose folded name or alias equals the folded input.
  [[nodiscard]] std::vector<std::string> also_named(const std::string& input,
                                                    const std::string& except) const;
  // A close entity and why it is close: "prefix", "substring" or "spelling" (edit distance).
  struct Candidate {
    const Entity* entity = nullptr;
    std::string via;    // "prefix", "substring", "spelling"; with "+transliteration" when found
                        // through the input's Latin form
    std::string match;  // the name, alias or id that matched (folded)
  };
  // Entities whose id, folded name or alias (or its Latin-ASCII form) starts with, contains, or
  // (for inputs of 4+ characters) lies within edit distance 2 of the folded input or of its
  // Latin-ASCII form; best first (prefix, substring, distance, then id), at most `max`. On a
  // registry larger than kFullScanEntities only keys sharing the input's first character are
  // compared (at most kMaxScannedKeys of them).
  [[nodiscard]] std::vector<Candidate> closest(const std::string& input, std::size_t max = 5) const;
  [[nodiscard]] std::vector<const Entity*> candidates(const std::string& input,
                                                      std::size_t max = 5) const;
  // The entities --expand adds to `id`, with the relation that links them, sorted by id: those
  // the entity names in its `related` (except the broader ones it is located-in or a member-of),
  // and those that name it (its capital, its head of state, its members).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> related(
      const std::string& id) const;

 private:
  const RegistryView& registry_;
};

inline constexpr std::size_t kFullScanEntities = 20000;
inline constexpr std::size_t kMaxScannedKeys = 50000;

class ThemeResolver {
 public:
  // Keeps a reference to `taxonomy`, which must outlive the resolver.
  explicit ThemeResolver(const Taxonomy& taxonomy);
  // An exact theme id (via "id"), else a theme whose folded label equals the folded input (via
  // "label"). Throws Error(kUsage) when the input is unknown or names two themes.
  [[nodiscard]] Resolution resolve(const std::string& input) const;

 private:
  const Taxonomy& taxonomy_;
  std::map<std::string, std::vector<std::string>> by_label_;  // name_key -> ids
};

}  // namespace annosearch
