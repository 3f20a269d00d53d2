// annosearch entities [NAME]: the registry stored in the index, looked up by id, name, alias,
// transliteration or prefix (query/entities.h), with article and passage counts.
#include <iostream>
#include <memory>

#include "core/index.h"
#include "core/registry_store.h"
#include "query/entities.h"
#include "query/search.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct EntitiesOptions {
  std::string index;
  Format format = Format::kText;
  std::vector<std::string> name;  // joined with spaces
  std::string type;
  std::size_t limit = 20;
};

ojson entity_json(const EntityInfo& info) {
  const Entity& e = info.entity;
  ojson related = ojson::array();
  for (const auto& r : e.related) related.push_back({{"relation", r.relation}, {"id", r.id}});
  ojson named_by = ojson::array();
  for (const auto& [relation, id] : info.named_by) {
    named_by.push_back({{"relation", relation}, {"id", id}});
  }
  ojson j{{"id", e.id},
          {"name", e.name},
          {"type", e.type},
          {"aliases", e.aliases},
          {"related", related},
          {"named_by", named_by},
          {"articles", info.articles},
          {"passages", info.passages}};
  if (!e.wikidata.empty()) j["wikidata"] = e.wikidata;
  if (!e.description.empty()) j["description"] = e.description;
  if (!info.via.empty()) {
    j["via"] = info.via;
    j["match"] = info.match;
  }
  return j;
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The aliases for the text output: all of them up to kShownAliases, else the first ones, the one
// the lookup matched (its key, as the registry folds names, is info.match; when it is further on)
// and how many more (a country of a gazetteer-fed registry has over a thousand; JSON and CSV list
// them all).
constexpr std::size_t kShownAliases = 30;

std::string alias_text(const EntityInfo& info) {
  const Entity& e = info.entity;
  if (e.aliases.size() <= kShownAliases) return joined(e.aliases, ", ");
  std::vector<std::string> shown(e.aliases.begin(), e.aliases.begin() + kShownAliases);
  std::size_t more = e.aliases.size() - kShownAliases;
  for (std::size_t i = kShownAliases; i < e.aliases.size() && !info.match.empty(); ++i) {
    if (name_key(e.aliases[i]) == info.match) {
      shown.push_back(e.aliases[i] + " (matched)");
      --more;
      break;
    }
  }
  return joined(shown, ", ") + ", … and " + std::to_string(more) +
         " more (--format json lists them all)";
}

std::string related_text(const Entity& e) {
  std::vector<std::string> parts;
  for (const auto& r : e.related) parts.push_back(r.relation + " " + r.id);
  return joined(parts, "; ");
}

std::string named_by_text(const EntityInfo& info) {
  std::vector<std::string> parts;
  for (const auto& [relation, id] : info.named_by) {
    std::string part = id;
    part += " (";
    part += relation;
    part += ')';
    parts.push_back(std::move(part));
  }
  return joined(parts, "; ");
}

void write(const EntityLookup& r, Format format, std::ostream& out) {
  switch (format) {
    case Format::kJson: {
      ojson entities = ojson::array();
      for (const auto& info : r.entities) entities.push_back(entity_json(info));
      ojson j{{"query", r.name},
              {"registry", r.registry_size},
              {"entities", entities},
              {"truncated", r.truncated}};
      out << j.dump(2) << '\n';
      return;
    }
    case Format::kJsonl:
      for (const auto& info : r.entities) out << entity_json(info).dump() << '\n';
      return;
    case Format::kCsv: {
      const auto row = [&out](std::initializer_list<std::string> fields) {
        bool first = true;
        for (const auto& f : fields) {
          if (!first) out << ',';
          first = false;
          write_csv_field(out, f);
        }
        out << "\r\n";
      };
      row({"id", "name", "type", "aliases", "related", "named_by", "articles", "passages", "via",
           "match"});
      for (const auto& info : r.entities) {
        const Entity& e = info.entity;
        row({e.id, e.name, e.type, joined(e.aliases, "; "), related_text(e), named_by_text(info),
             std::to_string(info.articles), std::to_string(info.passages), info.via, info.match});
      }
      return;
    }
    case Format::kText:
      break;
  }
  if (r.entities.empty()) {
    out << (r.name.empty() ? std::string("The registry is empty.")
                           : "No entity matches \"" + r.name + "\"")
        << (r.name.empty() ? ""
                           : " (no id, name, alias, transliteration, prefix or close "
                             "spelling); try a shorter prefix or another script")
        << '\n';
    return;
  }
  out << r.entities.size() << (r.truncated ? "+" : "") << " of " << r.registry_size << " entities"
      << (r.name.empty() ? std::string() : " for \"" + r.name + "\"")
      << (r.truncated ? " (more with --limit)" : "") << '\n';
  for (const auto& info : r.entities) {
    const Entity& e = info.entity;
    out << '\n' << e.name << "  (" << e.id << ", " << e.type << ")";
    if (!info.via.empty()) out << "  via " << info.via;
    out << '\n';
    if (!e.aliases.empty()) out << "  aliases:  " << alias_text(info) << '\n';
    if (!e.related.empty()) out << "  related:  " << related_text(e) << '\n';
    if (!info.named_by.empty()) out << "  named by: " << named_by_text(info) << '\n';
    out << "  in " << info.articles << (info.articles == 1 ? " article, " : " articles, ")
        << info.passages << (info.passages == 1 ? " passage" : " passages") << '\n';
  }
}

}  // namespace

void register_entities(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EntitiesOptions>();
  auto* sub = app.add_subcommand(
      "entities",
      "Look entities up in the index's registry by id, name, alias, prefix, in any script; "
      "with article and passage counts");
  add_index_option(sub, &o->index);
  add_format_option(sub, &o->format);
  sub->add_option("name", o->name,
                  "Id, name, alias or prefix, any script (Rakh, Рах, \"asian dev\"); none: list");
  sub->add_option("--type", o->type, "Only entities of this type (PERSON, ORG, GPE, ...)");
  sub->add_option("--limit", o->limit, "Entities to show (default 20; 0: all when listing)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000000}));
  sub->callback([o, &ctx] {
    std::string name;
    for (const auto& w : o->name) name += (name.empty() ? "" : " ") + w;
    const IndexReader reader(ctx, o->index);
    write(lookup_entities(reader.searcher().database(), name, o->type, o->limit), o->format,
          *ctx.out);
    ctx.out->flush();
  });
}

}  // namespace annosearch::cli
