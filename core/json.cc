// JSON conversions of the document model.
#include "core/json.h"

#include "core/error.h"

namespace annosearch {
namespace {

using ojson = nlohmann::ordered_json;

std::string get_string(const nlohmann::json& j, const char* key, bool required) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw Error(ErrorKind::kInput, std::string("missing field \"") + key + "\"");
    return {};
  }
  if (!it->is_string()) {
    throw Error(ErrorKind::kInput, std::string("field \"") + key + "\" must be a string");
  }
  return it->get<std::string>();
}

ojson span_json(const Span& s) { return ojson{{"start", s.start}, {"end", s.end}}; }

}  // namespace

ojson to_json(const Document& doc) {
  ojson j;
  j["id"] = doc.id;
  if (!doc.title.empty()) j["title"] = doc.title;
  if (doc.date) j["date"] = doc.date->to_string();
  if (!doc.source.empty()) j["source"] = doc.source;
  if (!doc.url.empty()) j["url"] = doc.url;
  if (!doc.dateline.empty()) j["dateline"] = doc.dateline;
  j["language"] = doc.language;
  if (!doc.authors.empty()) j["authors"] = doc.authors;
  j["text"] = doc.text;
  if (!doc.entities.empty()) {
    ojson arr = ojson::array();
    for (const auto& e : doc.entities) {
      ojson m = ojson::array();
      for (const auto& s : e.mentions) m.push_back(span_json(s));
      ojson o{{"id", e.id}, {"mentions", m}, {"source", e.source}};
      if (e.confidence) o["confidence"] = *e.confidence;
      if (!e.salient) o["salient"] = false;
      arr.push_back(o);
    }
    j["entities"] = arr;
  }
  if (!doc.themes.empty()) {
    ojson arr = ojson::array();
    for (const auto& t : doc.themes) {
      ojson o{{"id", t.id}};
      if (t.weight) o["weight"] = *t.weight;
      if (!t.passages.empty()) o["passages"] = t.passages;
      o["source"] = t.source;
      arr.push_back(o);
    }
    j["themes"] = arr;
  }
  if (!doc.dates.empty()) {
    ojson arr = ojson::array();
    for (const auto& d : doc.dates) {
      ojson o{{"start", d.span.start}, {"end", d.span.end}, {"value", d.value.to_string()}};
      if (!d.source.empty()) o["source"] = d.source;
      if (d.confidence) o["confidence"] = *d.confidence;
      arr.push_back(o);
    }
    j["dates"] = arr;
  }
  return j;
}

ojson to_json(const Entity& e) {
  ojson j{{"id", e.id}, {"name", e.name}, {"type", e.type}, {"aliases", e.aliases}};
  if (!e.wikidata.empty()) j["wikidata"] = e.wikidata;
  if (!e.related.empty()) {
    ojson arr = ojson::array();
    for (const auto& r : e.related) arr.push_back(ojson{{"relation", r.relation}, {"id", r.id}});
    j["related"] = arr;
  }
  if (!e.description.empty()) j["description"] = e.description;
  return j;
}

ojson to_json(const Theme& t) {
  ojson j{{"id", t.id}, {"label", t.label}};
  if (!t.parent.empty()) j["parent"] = t.parent;
  if (!t.description.empty()) j["description"] = t.description;
  if (!t.iptc.empty()) j["iptc"] = t.iptc;
  if (!t.keywords.empty()) j["keywords"] = t.keywords;
  return j;
}

Entity entity_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw Error(ErrorKind::kInput, "an entity must be a JSON object");
  Entity e;
  e.id = get_string(j, "id", true);
  e.name = get_string(j, "name", true);
  e.type = get_string(j, "type", true);
  e.wikidata = get_string(j, "wikidata", false);
  e.description = get_string(j, "description", false);
  if (const auto it = j.find("aliases"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw Error(ErrorKind::kInput, "field \"aliases\" must be an array");
    for (const auto& a : *it) {
      if (!a.is_string()) throw Error(ErrorKind::kInput, "aliases must be strings");
      e.aliases.push_back(a.get<std::string>());
    }
  }
  if (const auto it = j.find("related"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw Error(ErrorKind::kInput, "field \"related\" must be an array");
    for (const auto& r : *it) {
      if (!r.is_object()) throw Error(ErrorKind::kInput, "related entries must be objects");
      e.related.push_back({get_string(r, "relation", true), get_string(r, "id", true)});
    }
  }
  return e;
}

Theme theme_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw Error(ErrorKind::kInput, "a theme must be a JSON object");
  Theme t;
  t.id = get_string(j, "id", true);
  t.label = get_string(j, "label", true);
  t.parent = get_string(j, "parent", false);
  t.description = get_string(j, "description", false);
  t.iptc = get_string(j, "iptc", false);
  if (const auto it = j.find("keywords"); it != j.end() && it->is_array()) {
    for (const auto& k : *it) {
      if (k.is_string()) t.keywords.push_back(k.get<std::string>());
    }
  }
  return t;
}

std::string registry_to_string(const Registry& registry) {
  ojson arr = ojson::array();
  for (const auto& [id, e] : registry.entities()) arr.push_back(to_json(e));
  return arr.dump();
}

Registry registry_from_string(const std::string& json_array) {
  Registry r;
  if (json_array.empty()) return r;
  for (const auto& j : nlohmann::json::parse(json_array)) r.put(entity_from_json(j));
  return r;
}

std::string taxonomy_to_string(const Taxonomy& taxonomy) {
  ojson arr = ojson::array();
  for (const auto& [id, t] : taxonomy.themes()) arr.push_back(to_json(t));
  return arr.dump();
}

Taxonomy taxonomy_from_string(const std::string& json_array) {
  Taxonomy t;
  if (json_array.empty()) return t;
  for (const auto& j : nlohmann::json::parse(json_array)) t.put(theme_from_json(j));
  return t;
}

}  // namespace annosearch
