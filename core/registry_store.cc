// The entity registry by key in the index metadata.
#include "core/registry_store.h"

#include <algorithm>
#include <set>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "core/analysis.h"
#include "core/error.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/sha256.h"

namespace annosearch {
namespace {

namespace sc = schema;

// A metadata key: prefix + key, cut to kMaxMetaKeyBytes at a UTF-8 character boundary.
std::string meta_key(std::string_view prefix, std::string_view key) {
  std::string out(prefix);
  out += key;
  if (out.size() > sc::kMaxMetaKeyBytes) {
    std::size_t cut = sc::kMaxMetaKeyBytes;
    while (cut > prefix.size() && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
    out.resize(cut);
  }
  return out;
}

// A key per id, never shared: an id too long for a key is cut and followed by its hash.
std::string id_key(std::string_view prefix, const std::string& id) {
  if (prefix.size() + id.size() <= sc::kMaxMetaKeyBytes) return std::string(prefix) + id;
  return std::string(prefix) + id.substr(0, sc::kMaxMetaKeyBytes - prefix.size() - 17) + "#" +
         sha256_hex(id).substr(0, 16);
}

std::vector<std::string> split_lines(const std::string& value) {
  std::vector<std::string> out;
  sc::for_each_in_list(value, [&](std::string_view id) {
    if (!id.empty()) out.emplace_back(id);
  });
  return out;
}

std::string join_lines(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += '\n';
    out += id;
  }
  return out;
}

// The keys an entity is found under in one table.
std::set<std::string> name_keys(const Entity& e) { return {name_key(e.name)}; }
std::set<std::string> alias_keys(const Entity& e) {
  std::set<std::string> out;
  for (const auto& a : e.aliases) {
    if (const auto k = name_key(a); !k.empty()) out.insert(k);
  }
  return out;
}
std::set<std::string> latin_keys(const Entity& e) {
  std::set<std::string> out;
  const auto add = [&](const std::string& text) {
    const std::string latin = latin_key(text);
    if (!latin.empty() && latin != name_key(text)) out.insert(latin);
  };
  add(e.name);
  for (const auto& a : e.aliases) add(a);
  return out;
}

void remove_keys(Xapian::WritableDatabase& db, std::string_view prefix) {
  std::vector<std::string> keys;
  for (auto it = db.metadata_keys_begin(std::string(prefix));
       it != db.metadata_keys_end(std::string(prefix)); ++it) {
    keys.push_back(*it);
  }
  for (const auto& k : keys) db.set_metadata(k, std::string());
}

}  // namespace

std::string name_key(std::string_view text) {
  const std::string folded = fold(text);
  std::string out;
  bool space = false;
  for (const char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string latin_key(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> translit = [] {
    // ICU's Cyrillic-Latin lacks some Tajik letters: they come first.
    const icu::UnicodeString rules = icu::UnicodeString::fromUTF8(
        "ҳ > h; Ҳ > H; қ > q; Қ > Q; ғ > gh; Ғ > Gh; ҷ > j; Ҷ > J; ӯ > u; Ӯ > U; ӣ > i; Ӣ > I;"
        ":: Any-Latin; :: Latin-ASCII;");
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
        "annosearch-latin", rules, UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || !t) {
      throw Error(ErrorKind::kInternal,
                  std::string("ICU transliterator Any-Latin; Latin-ASCII unavailable: ") +
                      u_errorName(status));
    }
    return t;
  }();
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  translit->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  return name_key(out);
}

void write_registry_keys(Xapian::WritableDatabase& db, const Registry& registry) {
  for (const auto prefix : {sc::kMetaEntityPrefix, sc::kMetaNamePrefix, sc::kMetaAliasPrefix,
                            sc::kMetaLatinPrefix, sc::kMetaNamedByPrefix}) {
    remove_keys(db, prefix);
  }
  std::map<std::string, std::set<std::string>> names;
  std::map<std::string, std::set<std::string>> aliases;
  std::map<std::string, std::set<std::string>> latins;
  std::map<std::string, std::set<std::string>> named_by;
  std::set<std::string> types;
  for (const auto& [id, e] : registry.entities()) {
    db.set_metadata(id_key(sc::kMetaEntityPrefix, id), to_json(e).dump());
    for (const auto& k : name_keys(e)) names[meta_key(sc::kMetaNamePrefix, k)].insert(id);
    for (const auto& k : alias_keys(e)) aliases[meta_key(sc::kMetaAliasPrefix, k)].insert(id);
    for (const auto& k : latin_keys(e)) latins[meta_key(sc::kMetaLatinPrefix, k)].insert(id);
    for (const auto& r : e.related) {
      named_by[id_key(sc::kMetaNamedByPrefix, r.id)].insert(r.relation + "\t" + id);
    }
    types.insert(e.type);
  }
  for (const auto* table : {&names, &aliases, &latins, &named_by}) {
    for (const auto& [key, ids] : *table) db.set_metadata(key, join_lines(ids));
  }
  db.set_metadata(std::string(sc::kMetaEntityCount), std::to_string(registry.size()));
  db.set_metadata(std::string(sc::kMetaEntityTypes), join_lines(types));
}

RegistryView::RegistryView(Xapian::Database db) : db_(std::move(db)) {}

const Entity* RegistryView::find(const std::string& id) const {
  if (const auto it = cache_.find(id); it != cache_.end()) return it->second.get();
  std::unique_ptr<Entity> entity;
  const std::string value =
      id.empty() ? std::string() : db_.get_metadata(id_key(sc::kMetaEntityPrefix, id));
  if (!value.empty()) {
    try {
      entity = std::make_unique<Entity>(entity_from_json(nlohmann::json::parse(value)));
    } catch (const std::exception& e) {
      throw Error(ErrorKind::kIndex, "the registry entry of \"" + id +
                                         "\" stored in the index is unreadable (" + e.what() +
                                         "); rebuild the index with `annosearch build`");
    }
    if (entity->id != id) entity.reset();
  }
  const Entity* out = entity.get();
  cache_.emplace(id, std::move(entity));
  return out;
}

std::vector<std::string> RegistryView::ids(std::string_view prefix, const std::string& key) const {
  if (key.empty()) return {};
  std::vector<std::string> out;
  for (const auto& id : split_lines(db_.get_metadata(meta_key(prefix, key)))) {
    const Entity* e = find(id);
    if (e == nullptr) continue;
    // A cut key may hold entities of several long keys: keep those whose own key is `key`.
    const bool ok = prefix == sc::kMetaNamePrefix    ? name_keys(*e).count(key) > 0
                    : prefix == sc::kMetaAliasPrefix ? alias_keys(*e).count(key) > 0
                                                     : latin_keys(*e).count(key) > 0;
    if (ok) out.push_back(id);
  }
  return out;
}

std::vector<std::string> RegistryView::by_name(const std::string& key) const {
  return ids(sc::kMetaNamePrefix, key);
}
std::vector<std::string> RegistryView::by_alias(const std::string& key) const {
  return ids(sc::kMetaAliasPrefix, key);
}
std::vector<std::string> RegistryView::by_latin(const std::string& key) const {
  return ids(sc::kMetaLatinPrefix, key);
}

std::vector<std::pair<std::string, std::string>> RegistryView::named_by(
    const std::string& id) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& line : split_lines(db_.get_metadata(id_key(sc::kMetaNamedByPrefix, id)))) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string other = line.substr(tab + 1);
    const Entity* e = find(other);
    if (e == nullptr) continue;
    const bool names_it = std::any_of(e->related.begin(), e->related.end(),
                                      [&](const Relation& r) { return r.id == id; });
    if (names_it) out.emplace_back(line.substr(0, tab), other);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::size_t RegistryView::scan(
    const std::string& prefix, std::size_t max_keys,
    const std::function<bool(Table, const std::string&, const std::vector<std::string>&)>& fn)
    const {
  std::size_t visited = 0;
  const std::pair<Table, std::string_view> tables[] = {{Table::kId, sc::kMetaEntityPrefix},
                                                       {Table::kName, sc::kMetaNamePrefix},
                                                       {Table::kAlias, sc::kMetaAliasPrefix},
                                                       {Table::kLatin, sc::kMetaLatinPrefix}};
  for (const auto& [table, table_prefix] : tables) {
    const std::string start = std::string(table_prefix) + prefix;
    for (auto it = db_.metadata_keys_begin(start); it != db_.metadata_keys_end(start); ++it) {
      if (max_keys != 0 && visited == max_keys) return visited;
      ++visited;
      const std::string key = (*it).substr(table_prefix.size());
      std::vector<std::string> ids;
      if (table == Table::kId) {
        ids.push_back(key);
      } else {
        ids = split_lines(db_.get_metadata(*it));
      }
      if (!fn(table, key, ids)) return visited;
    }
  }
  return visited;
}

std::vector<const Entity*> RegistryView::all(std::size_t max) const {
  std::vector<const Entity*> out;
  const std::string prefix(sc::kMetaEntityPrefix);
  for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
    if (max != 0 && out.size() == max) break;
    const std::string value = db_.get_metadata(*it);
    if (value.empty()) continue;
    Entity e = entity_from_json(nlohmann::json::parse(value));
    const std::string id = e.id;
    if (const auto c = cache_.find(id); c != cache_.end() && c->second) {
      out.push_back(c->second.get());
      continue;
    }
    auto stored = std::make_unique<Entity>(std::move(e));
    out.push_back(stored.get());
    cache_[id] = std::move(stored);
  }
  return out;
}

std::size_t RegistryView::size() const {
  const std::string v = db_.get_metadata(std::string(sc::kMetaEntityCount));
  return v.empty() ? 0 : static_cast<std::size_t>(std::stoull(v));
}

std::vector<std::string> RegistryView::types() const {
  return split_lines(db_.get_metadata(std::string(sc::kMetaEntityTypes)));
}

}  // namespace annosearch
