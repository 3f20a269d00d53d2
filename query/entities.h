// Looking entities up in the registry stored in an index (`annosearch entities [NAME]`): by id,
// name, alias, transliteration, prefix, substring or close spelling, in any script, with how many
// articles and passages carry each. Reads the registry by key (core/registry_store.h).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/document.h"

namespace annosearch {

struct EntityInfo {
  Entity entity;
  // How it matched NAME: "id", "name", "alias", "transliteration" (as actor resolution), or
  // "prefix", "substring", "spelling" (a close entity; "+transliteration" when found through
  // NAME's Latin form); "" when listing without NAME.
  std::string via;
  std::string match;  // the folded key that matched ("" for id and listing)
  // Entities that name this one in their `related`: (relation, id).
  std::vector<std::pair<std::string, std::string>> named_by;
  std::size_t articles = 0;  // units with the entity (term XA<id>) at each level
  std::size_t passages = 0;
};

struct EntityLookup {
  std::string name;  // as given ("" to list)
  std::size_t registry_size = 0;
  std::vector<EntityInfo> entities;
  bool truncated = false;  // more entities matched than `limit`
};

// With an empty name, the registry's entities in id order; else the entities NAME resolves to
// (an exact id, name, alias or transliteration, as `--actor` would) followed by close ones.
// `type` (any case, "" for all) keeps entities of that type. At most `limit` entities (0: no
// bound when listing; 50 when looking a name up).
[[nodiscard]] EntityLookup lookup_entities(const Xapian::Database& db, const std::string& name,
                                           const std::string& type, std::size_t limit);

}  // namespace annosearch
