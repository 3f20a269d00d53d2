// Encoding of the per-unit display data stored in the index.
#include "core/stored.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace annosearch {

std::string serialize(const StoredUnit& u) {
  nlohmann::ordered_json j;
  j["id"] = u.id;
  if (u.passage > 0) j["n"] = u.passage;
  if (!u.title.empty()) j["title"] = u.title;
  if (!u.date.empty()) j["date"] = u.date;
  if (!u.source.empty()) j["source"] = u.source;
  if (!u.url.empty()) j["url"] = u.url;
  if (!u.dateline.empty()) j["dateline"] = u.dateline;
  if (!u.language.empty()) j["language"] = u.language;
  if (!u.authors.empty()) j["authors"] = u.authors;
  if (u.passage == 0) j["passages"] = u.passages;
  if (u.passage > 0) j["text"] = u.text;
  if (!u.mentions.empty()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& m : u.mentions) {
      if (m.automatic) {
        arr.push_back({m.span.start, m.span.end, m.entity, "auto"});
      } else {
        arr.push_back({m.span.start, m.span.end, m.entity});
      }
    }
    j["mentions"] = arr;
  }
  if (!u.dates.empty()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& d : u.dates) {
      if (d.automatic) {
        arr.push_back({d.span.start, d.span.end, d.value, "auto"});
      } else {
        arr.push_back({d.span.start, d.span.end, d.value});
      }
    }
    j["dates"] = arr;
  }
  j["actors"] = u.actors;
  j["themes"] = u.themes;
  if (!u.auto_actors.empty()) j["auto_actors"] = u.auto_actors;
  if (!u.auto_themes.empty()) j["auto_themes"] = u.auto_themes;
  return j.dump();
}

StoredUnit parse_stored_unit(const std::string& data) {
  try {
    const auto j = nlohmann::json::parse(data);
    StoredUnit u;
    u.id = j.at("id").get<std::string>();
    u.passage = j.value("n", 0);
    u.title = j.value("title", "");
    u.date = j.value("date", "");
    u.source = j.value("source", "");
    u.url = j.value("url", "");
    u.dateline = j.value("dateline", "");
    u.language = j.value("language", "");
    u.authors = j.value("authors", std::vector<std::string>{});
    u.passages = j.value("passages", 0);
    u.text = j.value("text", "");
    if (const auto it = j.find("mentions"); it != j.end()) {
      for (const auto& m : *it) {
        u.mentions.push_back({{m.at(0).get<std::size_t>(), m.at(1).get<std::size_t>()},
                              m.at(2).get<std::string>(),
                              m.size() > 3 && m.at(3) == "auto"});
      }
    }
    if (const auto it = j.find("dates"); it != j.end()) {
      for (const auto& d : *it) {
        u.dates.push_back({{d.at(0).get<std::size_t>(), d.at(1).get<std::size_t>()},
                           d.at(2).get<std::string>(),
                           d.size() > 3 && d.at(3) == "auto"});
      }
    }
    u.actors = j.value("actors", std::vector<std::string>{});
    u.themes = j.value("themes", std::vector<std::string>{});
    u.auto_actors = j.value("auto_actors", std::vector<std::string>{});
    u.auto_themes = j.value("auto_themes", std::vector<std::string>{});
    return u;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIndex, std::string("stored document data is unreadable (") + e.what() +
                                       "); rebuild the index with `annosearch build`");
  }
}

void keep_gold(StoredUnit& unit) {
  const auto in = [](const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  std::erase_if(unit.mentions, [](const StoredMention& m) { return m.automatic; });
  std::erase_if(unit.dates, [](const StoredDate& d) { return d.automatic; });
  std::erase_if(unit.actors, [&](const std::string& a) { return in(unit.auto_actors, a); });
  std::erase_if(unit.themes, [&](const std::string& t) { return in(unit.auto_themes, t); });
  unit.auto_actors.clear();
  unit.auto_themes.clear();
}

}  // namespace annosearch
