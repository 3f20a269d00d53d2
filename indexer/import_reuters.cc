// The Reuters-21578 importer: a tolerant SGML reader (tags found by name, no DTD, no XML parser,
// which would reject the control-character references), one record at a time.
#include "indexer/import_reuters.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "indexer/reuters_registry.h"

namespace annosearch {
namespace {

namespace fs = std::filesystem;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ---- tags ----

struct Element {
  std::size_t start = 0;        // position of '<' of the opening tag
  std::size_t end = 0;          // position after the closing tag
  std::string_view attributes;  // text between the name and '>'
  std::string_view content;     // between the tags
};

// The first <NAME ...>...</NAME> at or after `from` (names are case-sensitive, as in the files).
std::optional<Element> find_element(std::string_view s, std::string_view name,
                                    std::size_t from = 0) {
  const std::string open = "<" + std::string(name);
  const std::string close = "</" + std::string(name) + ">";
  std::size_t pos = from;
  while ((pos = s.find(open, pos)) != std::string_view::npos) {
    const std::size_t after = pos + open.size();
    if (after < s.size() && (s[after] == '>' || s[after] == ' ')) break;
    pos = after;
  }
  if (pos == std::string_view::npos) return std::nullopt;
  const std::size_t gt = s.find('>', pos);
  if (gt == std::string_view::npos) return std::nullopt;
  const std::size_t end = s.find(close, gt + 1);
  if (end == std::string_view::npos) return std::nullopt;
  Element e;
  e.start = pos;
  e.end = end + close.size();
  e.attributes = s.substr(pos + open.size(), gt - pos - open.size());
  e.content = s.substr(gt + 1, end - gt - 1);
  return e;
}

// The value of NAME="value" in a tag's attributes.
std::string attribute(std::string_view attributes, std::string_view name) {
  const std::string key = std::string(name) + "=\"";
  std::size_t pos = 0;
  while ((pos = attributes.find(key, pos)) != std::string_view::npos) {
    if (pos == 0 || is_space(attributes[pos - 1])) {
      const std::size_t b = pos + key.size();
      const std::size_t e = attributes.find('"', b);
      if (e == std::string_view::npos) return {};
      return std::string(attributes.substr(b, e - b));
    }
    pos += key.size();
  }
  return {};
}

// ---- categories ----

constexpr std::array<std::pair<ReutersCategory, const char*>, 5> kCategoryFiles{{
    {ReutersCategory::kTopics, "all-topics-strings.lc.txt"},
    {ReutersCategory::kPlaces, "all-places-strings.lc.txt"},
    {ReutersCategory::kPeople, "all-people-strings.lc.txt"},
    {ReutersCategory::kOrgs, "all-orgs-strings.lc.txt"},
    {ReutersCategory::kExchanges, "all-exchanges-strings.lc.txt"},
}};

const char* category_tag(ReutersCategory c) {
  switch (c) {
    case ReutersCategory::kTopics:
      return "TOPICS";
    case ReutersCategory::kPlaces:
      return "PLACES";
    case ReutersCategory::kPeople:
      return "PEOPLE";
    case ReutersCategory::kOrgs:
      return "ORGS";
    case ReutersCategory::kExchanges:
      return "EXCHANGES";
  }
  return "";
}

const char* entity_type(ReutersCategory c) {
  switch (c) {
    case ReutersCategory::kPlaces:
      return "GPE";
    case ReutersCategory::kPeople:
      return "PERSON";
    default:
      return "ORG";
  }
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string capitalised(std::string_view word) {
  std::string w(word);
  if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

std::vector<std::string> split_code(std::string_view code) {
  std::vector<std::string> words;
  std::size_t b = 0;
  while (b <= code.size()) {
    const std::size_t e = std::min(code.find('-', b), code.size());
    if (e > b) words.emplace_back(code.substr(b, e - b));
    b = e + 1;
  }
  return words;
}

// "el-salvador" -> "El Salvador"; the acronyms among the codes stay upper case.
std::string place_name(const std::string& code) {
  static const std::set<std::string> kAcronyms{"usa", "uk", "uae", "ussr"};
  if (kAcronyms.count(code) != 0) return to_upper_ascii(code);
  std::string name;
  for (const auto& w : split_code(code)) name += (name.empty() ? "" : " ") + capitalised(w);
  return name.empty() ? code : name;
}

// "james-baker" -> "James Baker", "perez-de-cuellar" -> "Perez de Cuellar", "o-kennedy" ->
// "O'Kennedy". The codes are the names Reuters used; the descriptions file adds titles, not names.
std::string person_name(const std::string& code) {
  static const std::set<std::string> kParticles{"de",  "la", "du", "von", "van", "del",
                                                "der", "al", "ul", "da",  "di",  "le"};
  const auto words = split_code(code);
  std::string name;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "o" && i + 1 < words.size()) {
      name += (name.empty() ? "O'" : " O'") + capitalised(words[++i]);
      continue;
    }
    const bool particle = i > 0 && kParticles.count(words[i]) != 0;
    name += (name.empty() ? "" : " ") + (particle ? words[i] : capitalised(words[i]));
  }
  return name.empty() ? code : name;
}

// "money-supply" -> "Money supply".
std::string topic_label(const std::string& code) {
  std::string label = code;
  for (char& c : label) {
    if (c == '-') c = ' ';
  }
  return capitalised(label);
}

bool is_code(std::string_view s) {
  if (s.empty()) return false;
  bool letter = false;
  for (const char c : s) {
    if (c >= 'A' && c <= 'Z') {
      letter = true;
    } else if (!is_digit(c) && c != '-' && c != '.') {
      return false;
    }
  }
  return letter;
}

// ---- body text ----

bool is_signoff_line(const std::string& trimmed) {
  static const std::regex kSignoff(
      R"(^(REUTERS?|REUTE|REUITER)[0-9]*(\.\.\.)?(\^M)?(\s+[A-Z0-9]{1,3})?$)",
      std::regex::icase | std::regex::optimize);
  return std::regex_match(trimmed, kSignoff);
}

// "year ago. REUTER" -> "year ago."; false if the line does not end that way.
bool strip_signoff_suffix(std::string& line) {
  static const std::regex kSuffix(R"(^(.*[.!?"')])\s+(REUTERS?|REUTE)\S*$)",
                                  std::regex::icase | std::regex::optimize);
  // After a table row ("...17 REUTER") only the all-capitals form: "told Reuters." is prose.
  static const std::regex kCapsSuffix(R"(^(.*\S)\s+REUTER$)", std::regex::optimize);
  std::smatch m;
  if (!std::regex_match(line, m, kSuffix) && !std::regex_match(line, m, kCapsSuffix)) return false;
  line = m[1].str();
  return true;
}

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> lines;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    std::string line(s.substr(b, e - b));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    b = e + 1;
  }
  return lines;
}

// Drops trailing blank and sign-off lines; some texts are signed twice ("REUTER", " Reuter").
void drop_signoff_lines(std::vector<std::string>& lines) {
  while (!lines.empty() &&
         (trim(lines.back()).empty() || is_signoff_line(std::string(trim(lines.back()))))) {
    lines.pop_back();
  }
}

std::size_t count_newlines(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += c == '\n' ? 1 : 0;
  return n;
}

}  // namespace

// ---- decoding ----

std::string decode_reuters_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '&') {
      const std::size_t semi = s.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view name = s.substr(i + 1, semi - i - 1);
        bool known = true;
        if (!name.empty() && name[0] == '#') {
          const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
          const std::string_view digits = name.substr(hex ? 2 : 1);
          char32_t n = 0;
          known = !digits.empty();
          for (const char d : digits) {
            int v = -1;
            if (is_digit(d)) {
              v = d - '0';
            } else if (hex && d >= 'a' && d <= 'f') {
              v = d - 'a' + 10;
            } else if (hex && d >= 'A' && d <= 'F') {
              v = d - 'A' + 10;
            }
            if (v < 0 || n > 0x10FFFF) {
              known = false;
              break;
            }
            n = n * (hex ? 16 : 10) + static_cast<char32_t>(v);
          }
          if (known) {
            if (n == '\t' || n == '\n') {
              out += static_cast<char>(n);
            } else if (n == 127) {
              out += ' ';
            } else if (n >= 32 && n <= 0x10FFFF && !(n >= 0x80 && n < 0xA0) &&
                       !(n >= 0xD800 && n < 0xE000)) {
              append_utf8(out, n);
            }  // other control characters: telex framing, dropped
          }
        } else if (name == "lt") {
          out += '<';
        } else if (name == "gt") {
          out += '>';
        } else if (name == "amp") {
          out += '&';
        } else if (name == "quot") {
          out += '"';
        } else if (name == "apos") {
          out += '\'';
        } else {
          known = false;
        }
        if (known) {
          i = semi;
          continue;
        }
      }
      out += '&';
    } else if (c == '\t' || c == '\n') {
      out += static_cast<char>(c);
    } else if (c == 127) {
      out += ' ';
    } else if (c >= 32) {
      append_utf8(out, c);
    }  // raw control characters (a stray '\r') are dropped like their references
  }
  return out;
}

std::optional<PartialDate> parse_reuters_date(std::string_view text, std::string* error,
                                              std::string* trailing) {
  static constexpr std::array<const char*, 12> kMonths{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  const std::string_view s = trim(text);
  const auto fail = [&](const std::string& why) -> std::optional<PartialDate> {
    if (error != nullptr) {
      *error = "malformed DATE \"" + std::string(s) + "\" (" + why +
               "; expected DD-MON-YYYY hh:mm:ss.cc)";
    }
    return std::nullopt;
  };
  std::size_t i = 0;
  const auto number = [&](std::size_t min_digits, std::size_t max_digits, int* value) {
    const std::size_t b = i;
    int v = 0;
    while (i < s.size() && is_digit(s[i]) && i - b < max_digits + 1) v = v * 10 + (s[i++] - '0');
    *value = v;
    return i - b >= min_digits && i - b <= max_digits;
  };
  int day = 0;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!number(1, 2, &day) || i >= s.size() || s[i] != '-') return fail("bad day");
  ++i;
  if (i + 3 > s.size()) return fail("bad month");
  const std::string mon = to_upper_ascii(s.substr(i, 3));
  int month = 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (mon == kMonths[m]) month = static_cast<int>(m) + 1;
  }
  i += 3;
  if (month == 0 || i >= s.size() || s[i] != '-') return fail("bad month");
  ++i;
  if (!number(4, 4, &year)) return fail("bad year");
  if (i >= s.size() || !is_space(s[i])) return fail("no time");
  while (i < s.size() && is_space(s[i])) ++i;
  if (!number(1, 2, &hour) || i >= s.size() || s[i] != ':') return fail("bad hour");
  ++i;
  if (!number(2, 2, &minute) || i >= s.size() || s[i] != ':') return fail("bad minutes");
  ++i;
  if (!number(2, 2, &second)) return fail("bad seconds");
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && !is_space(s[i])) return fail("unexpected text after the time");
  if (hour > 23 || minute > 59 || second > 59) return fail("time of day out of range");
  char iso[96];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                second);
  std::string why;
  auto date = PartialDate::parse(iso, &why);
  if (!date) return fail(why);
  if (trailing != nullptr) *trailing = std::string(trim(s.substr(i)));
  return date;
}

std::string reuters_paragraphs(std::string_view decoded) {
  std::vector<std::string> lines = split_lines(decoded);
  drop_signoff_lines(lines);
  if (!lines.empty()) strip_signoff_suffix(lines.back());
  std::string text;
  std::string current;
  const auto flush = [&] {
    if (current.empty()) return;
    if (!text.empty()) text += '\n';
    text += current;
    current.clear();
  };
  for (const auto& line : lines) {
    const std::string_view t = trim(line);
    if (t.empty()) {
      flush();
      continue;
    }
    if (is_space(line[0])) flush();
    if (!current.empty()) current += ' ';
    current += t;
  }
  flush();
  return text;
}

// ---- descriptions ----

std::map<std::string, ReutersDescription> parse_reuters_descriptions(std::istream& in) {
  std::map<std::string, ReutersDescription> out;
  std::string raw;
  std::string acc;    // the entry being read, possibly over several lines
  std::string group;  // the country or body a list of people is under
  while (std::getline(in, raw)) {
    const std::string line = latin1_to_utf8(raw);
    std::string t(trim(line));
    if (t.rfind("@begin[itemize]", 0) == 0) {
      if (!acc.empty()) group = acc;
      acc.clear();
      continue;
    }
    if (t.rfind("@end[itemize]", 0) == 0) {
      group.clear();
      acc.clear();
      continue;
    }
    if (t.empty() || t[0] == '@' || t[0] == '*' || t[0] == '_') {
      acc.clear();
      continue;
    }
    bool entry_end = false;
    if (t.size() >= 2 && t.compare(t.size() - 2, 2, "@*") == 0) {
      t = std::string(trim(std::string_view(t).substr(0, t.size() - 2)));
      entry_end = true;
    }
    acc += ' ';
    acc += t;
    acc = collapse_whitespace(acc);
    if (!acc.empty() && acc.back() == ')') {
      const std::size_t open = acc.rfind('(');
      const std::string code =
          open == std::string::npos ? std::string() : acc.substr(open + 1, acc.size() - open - 2);
      if (is_code(code)) {
        const std::string label(trim(std::string_view(acc).substr(0, open)));
        if (!label.empty()) out[to_lower_ascii(code)] = ReutersDescription{label, group};
        acc.clear();
        continue;
      }
    }
    if (entry_end) acc.clear();
  }
  return out;
}

// ---- ReutersCategories ----

void ReutersCategories::load(const std::filesystem::path& dir, DiagnosticReporter& reporter) {
  std::error_code ec;
  const fs::path desc_path = dir / "cat-descriptions_120396.txt";
  if (fs::is_regular_file(desc_path, ec)) {
    std::ifstream in(desc_path, std::ios::binary);
    descriptions_ = parse_reuters_descriptions(in);
  }
  for (const auto& [category, name] : kCategoryFiles) {
    const fs::path path = dir / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::string raw;
    while (std::getline(in, raw)) {
      const std::string code(trim(latin1_to_utf8(raw)));
      if (code.empty()) continue;
      if (category == ReutersCategory::kTopics) {
        add(category, code);
      } else {
        add_entity(category, code, path.string(), &reporter);
      }
    }
  }
  // Names, capitals and demonyms for the annotator (reuters_registry.h).
  GazetteerReport gazetteer;
  enrich_reuters_registry(registry_, dir, descriptions_, GazetteerFiles{}, &gazetteer);
  notes_.push_back(gazetteer.summary());
}

void ReutersCategories::add(ReutersCategory category, const std::string& code) {
  if (category != ReutersCategory::kTopics) {
    add_entity(category, code, "", nullptr);
    return;
  }
  if (taxonomy_.find(code) != nullptr) return;
  Theme t;
  t.id = code;
  const auto it = descriptions_.find(code);
  t.label = it != descriptions_.end() ? it->second.label : topic_label(code);
  t.description = "Reuters-21578 TOPICS category \"" + code + "\"";
  taxonomy_.put(std::move(t));
}

void ReutersCategories::add_entity(ReutersCategory category, const std::string& code,
                                   const std::string& file, DiagnosticReporter* reporter) {
  if (const Entity* known = registry_.find(code); known != nullptr) {
    if (reporter != nullptr && known->type != entity_type(category)) {
      reporter->warning(
          file, 0, code, "",
          std::string("the code is also listed as ") + known->type + "; the first listing is kept");
    } else if (reporter != nullptr &&
               known->description.find(category_tag(category)) == std::string::npos) {
      reporter->warning(file, 0, code, "",
                        "the code is listed in two categories; kept as " + known->description);
    }
    return;
  }
  Entity e;
  e.id = code;
  e.type = entity_type(category);
  const auto it = descriptions_.find(code);
  const ReutersDescription* desc = it != descriptions_.end() ? &it->second : nullptr;
  const std::string tag = category_tag(category);
  switch (category) {
    case ReutersCategory::kPlaces:
      e.name = place_name(code);
      e.description = "Reuters-21578 PLACES code";
      break;
    case ReutersCategory::kPeople:
      e.name = person_name(code);
      e.description = "Reuters-21578 PEOPLE code";
      if (desc != nullptr) {
        e.description += ": ";
        e.description += desc->label;
        if (!desc->group.empty()) e.description += " (" + desc->group + ")";
      }
      break;
    default:
      e.name = desc != nullptr ? desc->label : to_upper_ascii(code);
      e.description = "Reuters-21578 " + tag + " code";
      break;
  }
  if (const std::string upper = to_upper_ascii(code);
      (category == ReutersCategory::kOrgs || category == ReutersCategory::kExchanges) &&
      upper != e.name) {
    e.aliases.push_back(upper);
  }
  registry_.put(std::move(e));
}

// ---- ReutersReader ----

ReutersReader::ReutersReader(std::istream& in, std::string file, ReutersCategories& categories,
                             DiagnosticReporter& reporter)
    : in_(in), file_(std::move(file)), categories_(categories), reporter_(reporter) {}

std::optional<ReutersRecord> ReutersReader::next() {
  std::string raw;
  std::size_t start_line = 0;
  bool in_record = false;
  std::string line;
  while (true) {
    if (pending_valid_) {
      line = std::move(pending_);
      pending_valid_ = false;
    } else {
      if (!std::getline(in_, line)) break;
      ++line_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
    }
    if (!in_record) {
      std::size_t pos = 0;
      while ((pos = line.find("<REUTERS", pos)) != std::string::npos) {
        const std::size_t after = pos + 8;
        if (after < line.size() && (line[after] == ' ' || line[after] == '>')) break;
        pos = after;
      }
      if (pos == std::string::npos) continue;
      in_record = true;
      start_line = line_;
      line.erase(0, pos);
    }
    const std::size_t end = line.find("</REUTERS>");
    if (end == std::string::npos) {
      raw += line;
      raw += '\n';
      continue;
    }
    raw.append(line, 0, end + 10);
    if (line.find_first_not_of(" \t", end + 10) != std::string::npos) {
      pending_ = line.substr(end + 10);
      pending_valid_ = true;
    }
    if (auto record = parse(raw, start_line)) return record;
    raw.clear();
    in_record = false;
  }
  if (in_record) {
    reporter_.error(file_, start_line, "", "",
                    "<REUTERS> record not closed before the end of file");
    return parse(raw, start_line);
  }
  return std::nullopt;
}

std::optional<ReutersRecord> ReutersReader::parse(const std::string& raw, std::size_t line) {
  const std::string_view s(raw);
  const auto line_of = [&](std::size_t pos) { return line + count_newlines(s.substr(0, pos)); };
  const std::size_t gt = s.find('>');
  const std::string_view open_tag = s.substr(0, gt == std::string_view::npos ? s.size() : gt);
  const std::string newid = attribute(open_tag, "NEWID");
  ReutersRecord record;
  record.line = line;
  Document& doc = record.document;
  if (newid.empty() || !std::all_of(newid.begin(), newid.end(), is_digit)) {
    reporter_.error(file_, line, "", "id",
                    newid.empty() ? "the <REUTERS> tag has no NEWID; record skipped"
                                  : "NEWID \"" + newid + "\" is not a number; record skipped");
    return std::nullopt;
  }
  if (newid.size() + 8 > schema::kMaxIdBytes) {
    reporter_.error(file_, line, "", "id",
                    "NEWID of " + std::to_string(newid.size()) +
                        " digits makes an id longer than " + std::to_string(schema::kMaxIdBytes) +
                        " bytes; record skipped");
    return std::nullopt;
  }
  doc.id = "reuters-" + newid;
  doc.source = "Reuters";
  doc.language = "en";

  if (const auto date = find_element(s, "DATE")) {
    std::string why;
    std::string trailing;
    // Telex codes may follow the time after control characters ("...35.68&#5;&#5;&#5;F").
    const std::string_view value = date->content.substr(0, date->content.find("&#"));
    doc.date = parse_reuters_date(decode_reuters_text(value), &why, &trailing);
    if (!doc.date) {
      reporter_.warning(file_, line_of(date->start), doc.id, "date",
                        why + "; the document is kept without a date");
    } else if (!trailing.empty() && trailing[0] == '#') {
      reporter_.warning(file_, line_of(date->start), doc.id, "date",
                        "the DATE carries a note (\"" + std::string(trim(trailing.substr(1))) +
                            "\"); kept as " + doc.date->to_string());
    }
  } else {
    reporter_.warning(file_, line, doc.id, "date", "no DATE; the document is kept without a date");
  }

  // Categories: <TOPICS><D>crude</D>...</TOPICS>; duplicates within a record are dropped.
  std::set<std::string> seen_entities;
  for (const auto& [category, file_name] : kCategoryFiles) {
    (void)file_name;
    const auto el = find_element(s, category_tag(category));
    if (!el) continue;
    std::size_t pos = 0;
    while (auto d = find_element(el->content, "D", pos)) {
      pos = d->end;
      std::string code(trim(decode_reuters_text(d->content)));
      if (code.empty()) continue;
      if (!is_valid_id(code)) {
        const std::string fixed = sanitize_id(code);
        std::string message = "code \"" + code;
        message += "\" is not a valid id; imported as \"" + fixed + "\"";
        reporter_.warning(file_, line_of(el->start), doc.id, to_lower_ascii(category_tag(category)),
                          message);
        code = fixed;
        if (code.empty()) continue;
      }
      if (code.size() > schema::kMaxIdBytes) {
        // Ids become search terms, limited in length: the corpus reader rejects such a document
        // (found by tests/fuzz/fuzz_import), so the code is dropped here with a word.
        reporter_.warning(file_, line_of(el->start), doc.id, to_lower_ascii(category_tag(category)),
                          "code of " + std::to_string(code.size()) + " bytes is longer than " +
                              std::to_string(schema::kMaxIdBytes) + "; dropped");
        continue;
      }
      categories_.add(category, code);
      if (category == ReutersCategory::kTopics) {
        const bool dup = std::any_of(doc.themes.begin(), doc.themes.end(),
                                     [&](const ThemeAnnotation& t) { return t.id == code; });
        if (!dup) doc.themes.push_back(ThemeAnnotation{code, std::nullopt, {}, "reuters"});
      } else if (seen_entities.insert(code).second) {
        doc.entities.push_back(EntityAnnotation{code, {}, "reuters"});
      }
    }
  }

  const auto text_el = find_element(s, "TEXT");
  const std::string type = text_el ? attribute(text_el->attributes, "TYPE") : std::string();
  const std::string_view text_content = text_el ? text_el->content : std::string_view();
  const auto title = find_element(text_content, "TITLE");
  const auto dateline = find_element(text_content, "DATELINE");
  const auto author = find_element(text_content, "AUTHOR");
  const auto body = find_element(text_content, "BODY");
  if (title) {
    // A title is one line, but a few BRIEF titles run over lines and end signed " Reuter".
    auto lines = split_lines(decode_reuters_text(title->content));
    drop_signoff_lines(lines);
    std::string joined;
    for (const auto& l : lines) joined += l + ' ';
    doc.title = collapse_whitespace(joined);
    if (doc.title.empty()) doc.title = collapse_whitespace(decode_reuters_text(title->content));
  }
  if (author) {
    // "    By Norma Cohen and Geert Linnebank, Reuters" -> two authors.
    std::string a = collapse_whitespace(decode_reuters_text(author->content));
    if (to_lower_ascii(a.substr(0, 3)) == "by ") a.erase(0, 3);
    for (const char* suffix : {", reuters", ", reuter"}) {
      const std::string lower = to_lower_ascii(a);
      const std::string sfx(suffix);
      if (lower.size() > sfx.size() &&
          lower.compare(lower.size() - sfx.size(), sfx.size(), sfx) == 0) {
        a.erase(a.size() - sfx.size());
        break;
      }
    }
    std::size_t b = 0;
    const std::string lower = to_lower_ascii(a);
    while (b < a.size()) {
      std::size_t e = lower.find(" and ", b);
      if (e == std::string::npos) e = a.size();
      const std::string name(trim(std::string_view(a).substr(b, e - b)));
      if (!name.empty()) doc.authors.push_back(name);
      b = e + 5;
    }
  }

  if (dateline) {
    // "    HOUSTON, Feb 26 - " -> "HOUSTON, Feb 26 -": where the story was filed.
    doc.dateline = collapse_whitespace(decode_reuters_text(dateline->content));
  }
  if (body) {
    doc.text = reuters_paragraphs(decode_reuters_text(body->content));
  } else if (text_el && type != "BRIEF") {
    // No BODY (TYPE="UNPROC"): the text is what the TEXT holds besides its tagged parts.
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    for (const auto* el : {&author, &dateline, &title}) {
      if (*el) parts.emplace_back((*el)->start, (*el)->end);
    }
    std::sort(parts.rbegin(), parts.rend());
    std::string rest(text_content);
    for (const auto& [b, e] : parts) rest.erase(b, e - b);
    doc.text = reuters_paragraphs(decode_reuters_text(rest));
  }
  if (doc.text.empty()) {
    // The format requires a text: a BRIEF is its title; anything else falls back with a warning.
    const std::string dl =
        dateline ? collapse_whitespace(decode_reuters_text(dateline->content)) : std::string();
    std::string used;
    if (!doc.title.empty()) {
      doc.text = doc.title;
      used = "the title";
    } else if (!dl.empty()) {
      doc.text = dl;
      used = "the DATELINE";
    } else {
      doc.text = doc.id;
      used = "the document id";
    }
    if (type != "BRIEF" || doc.title.empty()) {
      reporter_.warning(file_, line_of(text_el ? text_el->start : 0), doc.id, "text",
                        "the record has no text; " + used + " is used as the text");
    }
  }
  return record;
}

// ---- import ----

namespace {

// Counts "<REUTERS " in a file, reading it in blocks (cheap next to parsing), for progress.
std::size_t count_records(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string needle = "<REUTERS ";
  std::string carry;
  std::vector<char> block(1 << 20);
  std::size_t n = 0;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    std::string chunk = carry;
    chunk.append(block.data(), got);
    std::size_t pos = 0;
    while ((pos = chunk.find(needle, pos)) != std::string::npos) {
      ++n;
      pos += needle.size();
    }
    carry = chunk.size() >= needle.size() - 1 ? chunk.substr(chunk.size() - (needle.size() - 1))
                                              : chunk;
  }
  return n;
}

}  // namespace

ImportResult import_reuters(const ImportOptions& options, CorpusWriter& writer,
                            const ImportHooks& hooks) {
  ImportResult result;
  DiagnosticReporter reporter(hooks, result);
  const auto files = expand_inputs(
      options.inputs,
      [](const fs::path& p) {
        const std::string name = p.filename().string();
        return name.rfind("reut2-", 0) == 0 && p.extension() == ".sgm";
      },
      false, reporter);

  ReutersCategories categories;
  if (!options.inputs.empty()) {
    std::error_code ec;
    const fs::path first(options.inputs.front());
    categories.load(fs::is_directory(first, ec) ? first : first.parent_path(), reporter);
  }
  if (hooks.on_total) {
    std::size_t total = 0;
    for (const auto& f : files) total += count_records(f);
    hooks.on_total(total);
  }

  std::set<std::string> ids;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      reporter.error(path.string(), 0, "", "", "cannot read the file");
      continue;
    }
    ReutersReader reader(in, path.string(), categories, reporter);
    while (auto record = reader.next()) {
      Document& doc = record->document;
      if (!options.language.empty()) doc.language = options.language;
      if (!ids.insert(doc.id).second) {
        reporter.error(path.string(), record->line, doc.id, "id",
                       "duplicate NEWID; this record is skipped, the first one is kept");
      } else {
        writer.write(doc);
      }
      if (hooks.on_advance) hooks.on_advance(1);
    }
  }
  writer.finish(categories.registry(), categories.taxonomy());
  result.documents = writer.documents();
  result.entities = categories.registry().size();
  result.themes = categories.taxonomy().size();
  result.notes = categories.notes();
  return result;
}

}  // namespace annosearch
