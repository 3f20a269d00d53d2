// The entity registry stored by key in the index metadata, so that a search reads only the entries
// it needs (B-tree lookups) instead of parsing the whole registry (issue 10: a 1,000,000-entity
// registry cost 6.8 s per search when parsed whole).
//
// Layout (docs/schema.md, "Metadata keys"; the prefixes are schema.h constants):
//   kMetaEntityPrefix + id               the entity as compact JSON (core/json.h)
//   kMetaNamePrefix + name_key(name)     ids whose primary name folds to the key, '\n'-joined
//   kMetaAliasPrefix + name_key(alias)   ids with an alias folding to the key
//   kMetaLatinPrefix + latin_key(text)   ids with a name or alias whose Latin-ASCII form differs
//                                        from its folded form ("Раҳмон" -> "rahmon")
//   kMetaNamedByPrefix + id              "relation\tid" lines: the entities whose `related` names
//   id kMetaEntityCount, kMetaEntityTypes   the number of entities; their types, '\n'-joined
// Keys longer than kMaxMetaKeyBytes are cut there (at a character boundary); readers compare the
// entity's own names, so a cut key never resolves to the wrong entity.
//
// Why metadata keys: they are a B-tree of the same database (no second file to keep in step with a
// generation, published atomically with it), support exact lookups and ordered prefix scans
// (metadata_keys_begin(prefix)), and work on remote databases, unlike Xapian's synonym table.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/document.h"

namespace annosearch {

// The key under which names are compared: fold() (core/analysis.h) with runs of white space made
// one space, trimmed. "EMOMALI  rahmon" -> "emomali rahmon".
[[nodiscard]] std::string name_key(std::string_view text);

// name_key() of the text transliterated by ICU "Any-Latin; Latin-ASCII", preceded by the Tajik
// Cyrillic letters ICU lacks (ҳ h, қ q, ғ gh, ҷ j, ӯ u, ӣ i): "Эмомалӣ Раҳмон" -> "emomali rahmon",
// "Rahmon" -> "rahmon". Not thread-safe (one ICU transliterator per thread is
// kept).
[[nodiscard]] std::string latin_key(std::string_view text);

// Writes the registry's keys into the database (removing the keys of the registry it held).
void write_registry_keys(Xapian::WritableDatabase& db, const Registry& registry);

// Read access to the registry stored by key. Lookups are cached for the view's life. Not
// thread-safe.
class RegistryView {
 public:
  explicit RegistryView(Xapian::Database db);

  // The entity with this id, or nullptr. The pointer stays valid for the view's life.
  [[nodiscard]] const Entity* find(const std::string& id) const;
  // Ids of the entities whose primary name / an alias / a transliterated name or alias has this
  // key (a name_key() or latin_key() result), in id order, checked against the entities' names.
  [[nodiscard]] std::vector<std::string> by_name(const std::string& key) const;
  [[nodiscard]] std::vector<std::string> by_alias(const std::string& key) const;
  [[nodiscard]] std::vector<std::string> by_latin(const std::string& key) const;
  // The entities whose `related` names `id`: (relation, their id), in id order.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> named_by(
      const std::string& id) const;

  // Which table a scanned key came from.
  enum class Table { kId, kName, kAlias, kLatin };
  // Calls fn(table, key, ids) for each key of the id, name, alias and latin tables starting with
  // `prefix` (a name_key; ids are matched as typed), in key order per table, until fn returns
  // false or `max_keys` keys were visited (0: no bound). Returns the number of keys visited.
  std::size_t scan(const std::string& prefix, std::size_t max_keys,
                   const std::function<bool(Table, const std::string& key,
                                            const std::vector<std::string>& ids)>& fn) const;

  // Every entity, read key by key (for `entities` without a name, and tests); `max` 0 = all.
  [[nodiscard]] std::vector<const Entity*> all(std::size_t max = 0) const;
  [[nodiscard]] std::size_t size() const;
  // The entity types of the registry, sorted (PERSON, ORG, GPE, ...).
  [[nodiscard]] std::vector<std::string> types() const;

  [[nodiscard]] const Xapian::Database& database() const { return db_; }

 private:
  [[nodiscard]] std::vector<std::string> ids(std::string_view prefix, const std::string& key) const;
  Xapian::Database db_;
  mutable std::map<std::string, std::unique_ptr<Entity>> cache_;  // id -> entity (null: none)
};

}  // namespace annosearch
