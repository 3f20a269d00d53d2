// Aliases for the Reuters-21578 registry from the collection's description and Factbook files.
#include "indexer/reuters_registry.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

namespace annosearch {
namespace {

std::string slug(const std::string& name) {
  std::string out;
  for (const char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool add_alias(Entity& e, const std::string& alias) {
  if (alias.empty() || alias == e.name) return false;
  if (std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end()) return false;
  e.aliases.push_back(alias);
  return true;
}

// Irregular demonyms and the short forms Reuters writes, by PLACES code.
const std::map<std::string, std::vector<std::string>>& irregular() {
  static const std::map<std::string, std::vector<std::string>> kWords = {
      {"usa", {"U.S.", "United States", "American", "Americans", "America"}},
      {"uk", {"Britain", "British", "U.K.", "United Kingdom"}},
      {"ussr", {"Soviet", "Soviets", "Soviet Union"}},
      {"west-germany", {"West German", "West Germany", "German"}},
      {"east-germany", {"East German", "East Germany"}},
      {"france", {"French"}},
      {"netherlands", {"Dutch", "Holland"}},
      {"switzerland", {"Swiss"}},
      {"japan", {"Japanese"}},
      {"china", {"Chinese"}},
      {"taiwan", {"Taiwanese"}},
      {"spain", {"Spanish"}},
      {"portugal", {"Portuguese"}},
      {"denmark", {"Danish"}},
      {"sweden", {"Swedish"}},
      {"finland", {"Finnish"}},
      {"norway", {"Norwegian"}},
      {"ireland", {"Irish"}},
      {"poland", {"Polish"}},
      {"greece", {"Greek"}},
      {"turkey", {"Turkish"}},
      {"philippines", {"Philippine", "Filipino"}},
      {"thailand", {"Thai"}},
      {"iraq", {"Iraqi"}},
      {"kuwait", {"Kuwaiti"}},
      {"saudi-arabia", {"Saudi"}},
      {"israel", {"Israeli"}},
      {"canada", {"Canadian"}},
      {"peru", {"Peruvian"}},
      {"chile", {"Chilean"}},
      {"argentina", {"Argentine"}},
      {"lebanon", {"Lebanese"}},
      {"sudan", {"Sudanese"}},
      {"vietnam", {"Vietnamese"}},
      {"burma", {"Burmese"}},
      {"new-zealand", {"New Zealand"}},
      {"south-korea", {"South Korean", "Korean"}},
      {"hong-kong", {"Hong Kong"}},
      {"uae", {"United Arab Emirates", "UAE"}},
      {"belgium", {"Belgian"}},
      {"luxembourg", {"Luxembourg"}},
      {"austria", {"Austrian"}},
      {"ecuador", {"Ecuadorean", "Ecuadorian"}},
      {"bangladesh", {"Bangladeshi"}},
      {"zaire", {"Zairean"}},
      {"ivory-coast", {"Ivorian", "Ivory Coast"}},
  };
  return kWords;
}

// Undoes the quoted-printable soft line breaks ("=\n") of the Factbook file.
std::string unwrap(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '=' && i + 1 < raw.size() && raw[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (raw[i] == '=' && i + 2 < raw.size() && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
      i += 2;
      continue;
    }
    out += raw[i];
  }
  return out;
}

template <typename Edit>
std::size_t add_zone_cities(const std::map<std::string, std::string>& codes, Edit&& edit) {
  std::size_t added = 0;
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  const std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status) || !zones || !names) return 0;
  for (const icu::UnicodeString* zone = zones->snext(status); zone != nullptr && U_SUCCESS(status);
       zone = zones->snext(status)) {
    std::string id;
    zone->toUTF8String(id);
    if (std::count(id.begin(), id.end(), '/') != 1) continue;
    char region[8] = {};
    UErrorCode region_status = U_ZERO_ERROR;
    icu::TimeZone::getRegion(*zone, region, sizeof region, region_status);
    if (U_FAILURE(region_status)) continue;
    icu::UnicodeString country_name;
    icu::Locale("", region).getDisplayCountry(icu::Locale::getEnglish(), country_name);
    std::string country;
    country_name.toUTF8String(country);
    const auto code = codes.find(slug(country));
    if (code == codes.end()) continue;
    icu::UnicodeString city_name;
    names->getExemplarLocationName(*zone, city_name);
    std::string city;
    city_name.toUTF8String(city);
    if (city.size() < 4) continue;
    if (Entity* e = edit(code->second)) added += add_alias(*e, city) ? 1 : 0;
  }
  return added;
}

// Decodes the five predefined XML entities and numeric references of character data.
std::string xml_text(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos) {
      out += raw[i];
      continue;
    }
    const std::string_view ref = raw.substr(i + 1, semi - i - 1);
    UChar32 c = -1;
    if (ref == "amp") c = '&';
    if (ref == "lt") c = '<';
    if (ref == "gt") c = '>';
    if (ref == "quot") c = '"';
    if (ref == "apos") c = '\'';
    if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string digits(ref.substr(hex ? 2 : 1));
      char* end = nullptr;
      const long v = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end != nullptr && *end == '\0' && v > 0 && v <= 0x10FFFF) {
        c = static_cast<UChar32>(v);
      }
    }
    if (c < 0) {
      out += raw[i];
      continue;
    }
    icu::UnicodeString(c).toUTF8String(out);
    i = semi;
  }
  return out;
}

// ICU's full case folding, for comparing gazetteer and registry names (core's fold() also
// applies NFKC and drops a possessive "'s", which the word list's entries carry).
std::string case_fold(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).foldCase().toUTF8String(out);
  return out;
}

// The ordinary words of a word list (one a line): the entries written in lower case.
std::set<std::string> lower_case_words(const std::filesystem::path& path) {
  std::set<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (case_fold(line) == line) out.insert(line);
  }
  return out;
}

bool read_file(const std::filesystem::path& path, std::string& out) {
  if (path.empty()) return false;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

std::vector<GazetteerName> read_gweather_cities(std::string_view xml) {
  std::vector<GazetteerName> out;
  std::string country;
  std::string iso;
  int depth_in_country = 0;  // nesting below <country> (0: directly in it)
  bool in_country = false;
  bool in_city = false;
  bool city_named = false;
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string_view::npos) {
    if (xml.substr(pos, 4) == "<!--") {
      const std::size_t end = xml.find("-->", pos);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    const std::size_t close = xml.find('>', pos);
    if (close == std::string_view::npos) break;
    std::string_view tag = xml.substr(pos + 1, close - pos - 1);
    const bool end_tag = !tag.empty() && tag[0] == '/';
    const bool empty_tag = !tag.empty() && tag.back() == '/';
    if (end_tag) tag.remove_prefix(1);
    const std::string_view name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
    pos = close + 1;
    if (name == "country") {
      in_country = !end_tag;
      country.clear();
      iso.clear();
      depth_in_country = 0;
      continue;
    }
    if (!in_country || empty_tag) continue;
    if (name == "city") {
      in_city = !end_tag;
      city_named = false;
      continue;
    }
    if (name == "state" || name == "location") {
      depth_in_country += end_tag ? -1 : 1;
      continue;
    }
    if (end_tag) continue;
    // An element with character content: <_name>, <name>, <iso-code>.
    const std::size_t text_end = xml.find('<', pos);
    if (text_end == std::string_view::npos) break;
    const std::string text(trim(xml_text(xml.substr(pos, text_end - pos))));
    const bool is_name = name == "_name" || name == "name";
    if (in_city && is_name && !city_named) {
      city_named = true;
      if (!text.empty()) out.push_back(GazetteerName{text, country, iso});
    } else if (!in_city && depth_in_country == 0 && is_name && country.empty()) {
      country = text;
    } else if (!in_city && depth_in_country == 0 && name == "iso-code") {
      iso = text;
    }
  }
  return out;
}

std::vector<GazetteerName> read_iso_subdivisions(std::string_view json_text) {
  std::vector<GazetteerName> out;
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (!j.is_object() || !j.contains("3166-2") || !j["3166-2"].is_array()) return out;
  for (const auto& e : j["3166-2"]) {
    if (!e.is_object() || e.contains("parent")) continue;
    const auto code = e.find("code");
    const auto name = e.find("name");
    if (code == e.end() || name == e.end() || !code->is_string() || !name->is_string()) continue;
    const std::string c = code->get<std::string>();
    out.push_back(GazetteerName{name->get<std::string>(), "", c.substr(0, c.find('-'))});
  }
  return out;
}

std::string GazetteerReport::summary() const {
  std::string line = "gazetteer: ";
  if (used.empty()) {
    line += "no gazetteer file found";
  } else {
    line += std::to_string(city_aliases) + " city and " + std::to_string(subdivision_aliases) +
            " subdivision names added as aliases of their countries, from";
    for (const auto& f : used) line += " " + f;
    line += "; dropped " + std::to_string(dropped_shared) + " names of more than one country, " +
            std::to_string(dropped_taken) + " names of other entities, " +
            std::to_string(dropped_words) + " common words or short names";
  }
  if (!missing.empty()) {
    line += used.empty() ? " (looked for" : " (not found:";
    for (const auto& f : missing) line += " " + f;
    line += used.empty() ? "; install libgweather-4-common, iso-codes and wamerican)" : ")";
  }
  return line;
}

std::string derived_demonym(const std::string& c) {
  if (c.empty() || c.find(' ') != std::string::npos) return {};
  if (ends_with(c, "stan")) return c + "i";                         // Pakistani
  if (ends_with(c, "ia")) return c + "n";                           // Australian, Nigerian
  if (ends_with(c, "a")) return c + "n";                            // Kenyan, Cuban
  if (ends_with(c, "o")) return c.substr(0, c.size() - 1) + "an";   // Mexican
  if (ends_with(c, "y")) return c.substr(0, c.size() - 1) + "ian";  // Italian
  if (ends_with(c, "e")) return c.substr(0, c.size() - 1) + "ian";  // Ukrainian
  if (ends_with(c, "el")) return c + "i";                           // Israeli
  if (ends_with(c, "t") || ends_with(c, "n") || ends_with(c, "l") || ends_with(c, "r")) {
    return c + "ian";  // Egyptian, Iranian, Brazilian
  }
  return {};
}

namespace {

// The country of a gazetteer name as a PLACES code: by its English name, else by the English name
// ICU gives its ISO code ("US" -> "United States" -> usa). Empty when the registry has none.
std::string country_code(const GazetteerName& g, const std::map<std::string, std::string>& codes) {
  if (!g.country.empty()) {
    if (const auto it = codes.find(slug(g.country)); it != codes.end()) return it->second;
  }
  if (!g.iso.empty()) {
    icu::UnicodeString display;
    icu::Locale("", g.iso.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string name;
    display.toUTF8String(name);
    if (const auto it = codes.find(slug(name)); it != codes.end()) return it->second;
  }
  return {};
}

// Whether a gazetteer entry is written as a name can be matched: no list punctuation or notes.
bool plain_name(const std::string& name) {
  return name.find_first_of(",/()[];:") == std::string::npos;
}

template <typename Edit>
std::size_t add_gazetteer(const Registry& registry, const std::map<std::string, std::string>& codes,
                          const GazetteerFiles& files, GazetteerReport* report, Edit&& edit) {
  GazetteerReport local;
  GazetteerReport& r = report != nullptr ? *report : local;
  struct Source {
    std::vector<GazetteerName> names;
    std::size_t* added = nullptr;
  };
  std::vector<Source> sources;
  std::string text;
  if (read_file(files.cities, text)) {
    r.used.push_back(files.cities.string());
    sources.push_back({read_gweather_cities(text), &r.city_aliases});
  } else if (!files.cities.empty()) {
    r.missing.push_back(files.cities.string());
  }
  if (read_file(files.subdivisions, text)) {
    r.used.push_back(files.subdivisions.string());
    sources.push_back({read_iso_subdivisions(text), &r.subdivision_aliases});
  } else if (!files.subdivisions.empty()) {
    r.missing.push_back(files.subdivisions.string());
  }
  if (sources.empty()) return 0;
  std::error_code ec;
  std::set<std::string> words;
  if (!files.words.empty() && std::filesystem::is_regular_file(files.words, ec)) {
    r.used.push_back(files.words.string());
    words = lower_case_words(files.words);
  } else if (!files.words.empty()) {
    r.missing.push_back(files.words.string());
  }

  // Which countries each name lies in (by ISO code, else the country's name), over both files.
  std::map<std::string, std::set<std::string>> countries;
  for (const auto& source : sources) {
    for (const auto& g : source.names) {
      countries[case_fold(g.name)].insert(g.iso.empty() ? "name:" + g.country : g.iso);
    }
  }
  // The registry's names and aliases, by folded name: a gazetteer name never takes another's.
  std::map<std::string, std::set<std::string>> owners;
  for (const auto& [id, e0] : registry.entities()) {
    const Entity* e = edit(id);  // the copy being edited, for places
    if (e == nullptr) e = &e0;
    owners[case_fold(e->name)].insert(id);
    for (const auto& a : e->aliases) owners[case_fold(a)].insert(id);
  }

  std::set<std::string> counted;  // each dropped name is counted once
  std::size_t added = 0;
  for (const auto& source : sources) {
    for (const auto& g : source.names) {
      const std::string key = case_fold(g.name);
      const std::string code = country_code(g, codes);
      if (code.empty() || !plain_name(g.name)) continue;
      if (countries[key].size() > 1) {
        if (counted.insert(key).second) ++r.dropped_shared;
        continue;
      }
      if (const auto it = owners.find(key);
          it != owners.end() && (it->second.size() > 1 || it->second.count(code) == 0)) {
        if (counted.insert(key).second) ++r.dropped_taken;
        continue;
      }
      if (count_code_points(g.name) < 4 || words.count(key) > 0) {
        if (counted.insert(key).second) ++r.dropped_words;
        continue;
      }
      Entity* e = edit(code);
      if (e == nullptr || !add_alias(*e, g.name)) continue;
      owners[key].insert(code);
      ++*source.added;
      ++added;
    }
  }
  return added;
}

}  // namespace

std::size_t enrich_reuters_registry(Registry& registry, const std::filesystem::path& dir,
                                    const std::map<std::string, ReutersDescription>& descriptions,
                                    const GazetteerFiles& gazetteer, GazetteerReport* report) {
  std::size_t added = 0;
  std::map<std::string, Entity> changed;  // copies being edited, put back at the end
  const auto edit = [&](const std::string& code) -> Entity* {
    if (auto it = changed.find(code); it != changed.end()) return &it->second;
    const Entity* e = registry.find(code);
    if (e == nullptr || e->type != "GPE") return nullptr;
    return &changed.emplace(code, *e).first->second;
  };

  // Headings of the people lists: "USSR (Soviet Union)", "West Germany".
  for (const auto& [code, d] : descriptions) {
    if (d.group.empty()) continue;
    std::string head = d.group;
    std::string full;
    if (const auto open = head.find(" ("); open != std::string::npos && head.back() == ')') {
      full = head.substr(open + 2, head.size() - open - 3);
      head = head.substr(0, open);
    }
    if (Entity* e = edit(slug(head))) {
      added += add_alias(*e, head) ? 1 : 0;
      added += add_alias(*e, full) ? 1 : 0;
    }
  }

  // Slug of a country name (the Factbook's, ICU's English one) -> PLACES code.
  std::map<std::string, std::string> codes;
  for (const auto& [id, e] : registry.entities()) {
    if (e.type == "GPE") codes[id] = id;
  }
  // Names that differ from the Reuters codes.
  codes["united-states"] = "usa";
  codes["united-kingdom"] = "uk";
  codes["russia"] = "ussr";
  codes["germany"] = "west-germany";
  codes["korea-south"] = "south-korea";
  codes["south-korea"] = "south-korea";
  codes["korea-north"] = "north-korea";
  codes["north-korea"] = "north-korea";
  codes["cote-d-ivoire"] = "ivory-coast";
  codes["united-arab-emirates"] = "uae";
  codes["hong-kong-sar-china"] = "hong-kong";

  // The Factbook: names and capitals.
  std::ifstream in(dir / "feldman-cia-worldfactbook-data.txt", std::ios::binary);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = unwrap(ss.str());
    static const std::regex kFact(R"re(bgfact\("([^"]+)","Capital",\[([^\]]*)\]\))re");
    static const std::regex kQuoted(R"re("([^"]*)")re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kFact);
         it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1].str();
      const auto code = codes.find(slug(name));
      if (code == codes.end()) continue;
      Entity* e = edit(code->second);
      if (e == nullptr) continue;
      if (code->second == slug(name)) added += add_alias(*e, name) ? 1 : 0;
      const std::string list = (*it)[2].str();
      for (auto q = std::sregex_iterator(list.begin(), list.end(), kQuoted);
           q != std::sregex_iterator(); ++q) {
        std::string capital = (*q)[1].str();
        capital = capital.substr(0, capital.find(','));
        if (capital.find("none") != std::string::npos || capital.size() < 3) continue;
        added += add_alias(*e, capital) ? 1 : 0;
      }
    }
  }

  // Cities: the exemplar city of each time zone in ICU's CLDR data ("New York", "Chicago", "Los
  // Angeles", "Toronto", "Sydney", "Sao Paulo"), as an alias of its country, so that a city in a
  // dateline or a text finds the country the editors label. General data that ships with ICU, not
  // drawn from the labels; zones below a state ("America/Indiana/Knox", "America/North_Dakota/
  // Center") are left out, their names being common words or surnames.
  added += add_zone_cities(codes, edit);

  // Demonyms: irregular ones, then suffix rules on the name.
  for (const auto& [id, e0] : registry.entities()) {
    if (e0.type != "GPE") continue;
    Entity* e = edit(id);
    if (const auto it = irregular().find(id); it != irregular().end()) {
      for (const auto& a : it->second) added += add_alias(*e, a) ? 1 : 0;
    } else {
      added += add_alias(*e, derived_demonym(e->name)) ? 1 : 0;
    }
  }

  // People: the surname, as reporters write it after the first mention.
  for (const auto& [id, e0] : registry.entities()) {
    if (e0.type != "PERSON") continue;
    const auto space = e0.name.rfind(' ');
    if (space == std::string::npos) continue;
    const std::string surname = e0.name.substr(space + 1);
    if (surname.size() < 4) continue;
    Entity e = e0;
    if (add_alias(e, surname)) {
      ++added;
      changed[id] = e;
    }
  }
  added += add_gazetteer(registry, codes, gazetteer, report, edit);
  for (auto& [id, e] : changed) registry.put(std::move(e));
  return added;
}

}  // namespace annosearch
