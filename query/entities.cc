// `annosearch entities`: registry lookups with occurrence counts.
#include "query/entities.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "core/registry_store.h"
#include "core/schema.h"
#include "query/resolver.h"

namespace annosearch {
namespace {

std::size_t units(const Xapian::Database& db, const std::string& id, std::string_view level) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(schema::term(schema::kPrefixActor, id)),
                                  Xapian::Query(std::string(level))));
  return enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1))
      .get_matches_estimated();
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

EntityLookup lookup_entities(const Xapian::Database& db, const std::string& name,
                             const std::string& type, std::size_t limit) {
  const RegistryView registry(db);
  const ActorResolver resolver(registry);
  EntityLookup out;
  out.name = name;
  out.registry_size = registry.size();
  const std::string wanted_type = upper(type);
  if (!wanted_type.empty()) {
    const auto types = registry.types();
    if (std::find(types.begin(), types.end(), wanted_type) == types.end()) {
      std::string list;
      for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
      throw Error(ErrorKind::kUsage,
                  "no entity of type " + wanted_type + " in the registry; the types are " + list);
    }
  }
  const auto keep = [&](const Entity& e) { return wanted_type.empty() || e.type == wanted_type; };
  const auto add = [&](const Entity& e, const std::string& via, const std::string& match) {
    const bool seen = std::any_of(out.entities.begin(), out.entities.end(),
                                  [&](const EntityInfo& i) { return i.entity.id == e.id; });
    if (seen || !keep(e)) return;
    if (limit != 0 && out.entities.size() == limit) {
      out.truncated = true;
      return;
    }
    EntityInfo info;
    info.entity = e;
    info.via = via;
    info.match = match;
    out.entities.push_back(std::move(info));
  };

  if (name.empty()) {
    for (const Entity* e : registry.all()) {
      add(*e, "", "");
      if (out.truncated) break;
    }
  } else {
    if (limit == 0) limit = 50;
    // Exact tiers, as --actor resolves (every entity of a tier, not an ambiguity error).
    if (const Entity* e = registry.find(name)) add(*e, "id", name);
    const std::string key = name_key(name);
    const std::string latin = latin_key(name);
    for (const auto& id : registry.by_name(key)) add(*registry.find(id), "name", key);
    for (const auto& id : registry.by_alias(key)) add(*registry.find(id), "alias", key);
    for (const auto& ids :
         {registry.by_name(latin), registry.by_alias(latin), registry.by_latin(latin)}) {
      for (const auto& id : ids) add(*registry.find(id), "transliteration", latin);
    }
    for (const auto& c : resolver.closest(name, limit)) add(*c.entity, c.via, c.match);
  }
  for (auto& info : out.entities) {
    info.named_by = registry.named_by(info.entity.id);
    info.articles = units(db, info.entity.id, schema::kTermArticle);
    info.passages = units(db, info.entity.id, schema::kTermPassage);
  }
  return out;
}

}  // namespace annosearch
