// Aliases for the Reuters-21578 registry from the collection's description and Factbook files.
#include "indexer/reuters_registry.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

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

}  // namespace

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

std::size_t enrich_reuters_registry(Registry& registry, const std::filesystem::path& dir,
                                    const std::map<std::string, ReutersDescription>& descriptions) {
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
  for (auto& [id, e] : changed) registry.put(std::move(e));
  return added;
}

}  // namespace annosearch
