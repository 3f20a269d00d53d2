// Date expressions in text: a small state machine over the annotator's tokens.
#include "indexer/date_extract.h"

#include <array>
#include <set>

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include "core/analysis.h"

namespace annosearch {
namespace {

constexpr int kAbbreviation = 100;  // added to a month number for an abbreviated name

PartialDate make_date(int year, int month = 0, int day = 0) {
  PartialDate d;
  d.year = year;
  d.month = month;
  d.day = day;
  d.precision =
      day > 0 ? DatePrecision::kDay : (month > 0 ? DatePrecision::kMonth : DatePrecision::kYear);
  return d;
}

DateRange single(const PartialDate& d) { return DateRange{d, d, false}; }
DateRange range(const PartialDate& a, const PartialDate& b) { return DateRange{a, b, true}; }

// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

PartialDate civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return make_date(y, m, d);
}

// 1 = Monday .. 7 = Sunday.
int weekday(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1; }

int number(const TextToken& t) {
  if (!t.digits || t.folded.size() > 4) return -1;
  return std::stoi(t.folded);
}

// A day number: "9", "09", "9th", "21st".
int day_number(const TextToken& t) {
  const std::string& f = t.folded;
  std::size_t k = 0;
  while (k < f.size() && f[k] >= '0' && f[k] <= '9') ++k;
  if (k == 0 || k > 2) return -1;
  const std::string suffix = f.substr(k);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
    return -1;
  }
  const int d = std::stoi(f.substr(0, k));
  return d >= 1 && d <= 31 ? d : -1;
}

int year_number(const TextToken& t) {
  if (!t.digits || t.folded.size() != 4) return -1;
  const int y = std::stoi(t.folded);
  return y >= 1800 && y <= 2099 ? y : -1;
}

const std::set<std::string>& month_prepositions() {
  static const std::set<std::string> kWords = {
      "in",      "since", "by",      "until",      "till", "from", "during", "before", "after",
      "through", "of",    "early",   "late",       "mid",  "last", "next",   "this",   "to",
      "and",     "or",    "between", "throughout", "on",   "for",  "until",  "last",   "that"};
  return kWords;
}

struct Parser {
  const std::string& text;
  const std::vector<TextToken>& t;
  const std::optional<PartialDate>& pub;
  const DateExtractor& ex;
  const std::string& language;
  std::vector<DateMention> out;

  [[nodiscard]] std::string_view gap(std::size_t i) const {  // text before token i
    const std::size_t from = i == 0 ? 0 : t[i - 1].end;
    return std::string_view(text).substr(from, t[i].begin - from);
  }
  // The gap before token i holds only characters of `allowed` (and is not a newline).
  [[nodiscard]] bool gap_is(std::size_t i, std::string_view allowed,
                            bool allow_empty = false) const {
    if (i == 0 || i >= t.size()) return false;
    const std::string_view g = gap(i);
    if (g.empty()) return allow_empty;
    for (const char c : g) {
      if (allowed.find(c) == std::string_view::npos) return false;
    }
    return true;
  }
  // A dash between tokens: "-", en dash, em dash, with optional spaces.
  [[nodiscard]] bool dash_gap(std::size_t i) const {
    if (i == 0 || i >= t.size()) return false;
    std::string g(gap(i));
    std::string core;
    for (std::size_t k = 0; k < g.size();) {
      if (g[k] == ' ') {
        ++k;
        continue;
      }
      if (g.compare(k, 3, "\xE2\x80\x93") == 0 || g.compare(k, 3, "\xE2\x80\x94") == 0) {
        core += '-';
        k += 3;
        continue;
      }
      core += g[k];
      ++k;
    }
    return core == "-";
  }
  [[nodiscard]] bool space_gap(std::size_t i) const { return gap_is(i, " \t\u00a0"); }
  [[nodiscard]] const std::string& word(std::size_t i) const {
    static const std::string kNone;
    return i < t.size() ? t[i].folded : kNone;
  }
  // Month at token i (1..12), abbreviated forms as 100+m; 0 if none.
  [[nodiscard]] int month_at(std::size_t i) const {
    if (i >= t.size()) return 0;
    return ex.month_of(t[i].folded, language);
  }
  [[nodiscard]] bool prev_is(std::size_t i, const std::set<std::string>& words) const {
    return i > 0 && !gap(i).empty() && gap(i).find('\n') == std::string_view::npos &&
           words.count(t[i - 1].folded) > 0;
  }

  void add(std::size_t first, std::size_t last, const DateRange& value, double confidence) {
    DateMention m;
    m.span = {t[first].start, t[last].stop};
    m.value = value;
    m.source = "auto";
    m.confidence = confidence;
    out.push_back(std::move(m));
  }

  // The year of a month (and day) without a year: the latest one up to publication.
  [[nodiscard]] std::optional<int> year_for(int month, int day) const {
    if (!pub) return std::nullopt;
    if (pub->precision == DatePrecision::kYear) return pub->year;
    if (month < pub->month) return pub->year;
    if (month > pub->month) return pub->year - 1;
    if (day > 0 && pub->day > 0 && day > pub->day) return pub->year - 1;
    return pub->year;
  }

  // A date starting at token i, its last token in *last. Partial ranges (early/mid/late) too.
  std::optional<DateRange> date_at(std::size_t i, std::size_t* last, double* conf) {
    if (i >= t.size()) return std::nullopt;
    const TextToken& a = t[i];
    *conf = 0.9;
    // ISO 2021-12-09 and 2021-12.
    if (const int y = year_number(a); y > 0) {
      if (i + 1 < t.size() && gap_is(i + 1, "-") && t[i + 1].digits &&
          t[i + 1].folded.size() == 2) {
        const int m = number(t[i + 1]);
        if (m >= 1 && m <= 12) {
          if (i + 2 < t.size() && gap_is(i + 2, "-") && t[i + 2].digits &&
              t[i + 2].folded.size() == 2) {
            const int d = number(t[i + 2]);
            if (d >= 1 && d <= days_in_month(y, m)) {
              *last = i + 2;
              return single(make_date(y, m, d));
            }
          }
          *last = i + 1;
          return single(make_date(y, m));
        }
      }
      // Year ranges 2019-2021, 2019–2021.
      if (i + 1 < t.size() && dash_gap(i + 1)) {
        const int y2 = year_number(t[i + 1]);
        if (y2 > y) {
          *last = i + 1;
          return range(make_date(y), make_date(y2));
        }
      }
      // A year alone, unless it is part of a number ("1,987", "2021.5").
      if (i > 0 && (gap_is(i, ",.") && t[i - 1].digits)) return std::nullopt;
      if (i + 1 < t.size() && gap_is(i + 1, ",.") && t[i + 1].digits) return std::nullopt;
      if (i > 0 && gap(i).find('$') != std::string_view::npos) return std::nullopt;
      *last = i;
      *conf = 0.8;
      return single(make_date(y));
    }
    // DD.MM.YYYY
    if (const int d = day_number(a); d > 0 && a.digits && i + 2 < t.size() && gap_is(i + 1, ".") &&
                                     gap_is(i + 2, ".") && t[i + 1].digits) {
      const int m = number(t[i + 1]);
      const int y = year_number(t[i + 2]);
      if (m >= 1 && m <= 12 && y > 0 && d <= days_in_month(y, m)) {
        *last = i + 2;
        return single(make_date(y, m, d));
      }
    }
    // Day Month [Year], Day-Day Month [Year]
    if (const int d = day_number(a); d > 0) {
      std::size_t k = i + 1;
      int d2 = 0;
      if (k + 1 < t.size() && dash_gap(k) && day_number(t[k]) > d) {
        d2 = day_number(t[k]);
        ++k;
      }
      if (k < t.size() && (space_gap(k) || gap_is(k, " ."))) {
        const int m = month_at(k) % kAbbreviation;
        if (m > 0) {
          std::optional<int> y;
          std::size_t end = k;
          if (k + 1 < t.size() && gap_is(k + 1, " ,.") && year_number(t[k + 1]) > 0) {
            y = year_number(t[k + 1]);
            end = k + 1;
          } else {
            y = year_for(m, d);
            *conf = 0.8;
          }
          if (!y || d > days_in_month(*y, m) || d2 > days_in_month(*y, m)) return std::nullopt;
          *last = end;
          if (d2 > 0) return range(make_date(*y, m, d), make_date(*y, m, d2));
          return single(make_date(*y, m, d));
        }
      }
      return std::nullopt;
    }
    // early/mid/late Month|Year
    if ((a.folded == "early" || a.folded == "mid" || a.folded == "late") && i + 1 < t.size() &&
        (space_gap(i + 1) || dash_gap(i + 1))) {
      const int m = month_at(i + 1) % kAbbreviation;
      const int part = a.folded == "early" ? 0 : (a.folded == "mid" ? 1 : 2);
      if (m > 0 &&
          (t[i + 1].upper_first || !ex.names(language) || !ex.names(language)->capitalised)) {
        std::optional<int> y;
        std::size_t end = i + 1;
        if (i + 2 < t.size() && gap_is(i + 2, " ,") && year_number(t[i + 2]) > 0) {
          y = year_number(t[i + 2]);
          end = i + 2;
        } else {
          y = year_for(m, 0);
        }
        if (!y) return std::nullopt;
        const int from = part * 10 + 1;
        const int to = part == 2 ? days_in_month(*y, m) : part * 10 + 10;
        *last = end;
        *conf = 0.8;
        return range(make_date(*y, m, from), make_date(*y, m, to));
      }
      if (const int y = year_number(t[i + 1]); y > 0) {
        *last = i + 1;
        *conf = 0.7;
        return range(make_date(y, part * 4 + 1), make_date(y, part * 4 + 4));
      }
      return std::nullopt;
    }
    // Month [Day[-Day]] [, Year], Month Year, Month
    if (const int mm = month_at(i); mm > 0) {
      const int m = mm % kAbbreviation;
      const bool abbreviated = mm > kAbbreviation;
      const DateExtractor::Names* names = ex.names(language);
      const bool capitalised_script = names != nullptr && names->capitalised;
      // In English a month name is capitalised; "may" is a verb.
      if (!a.upper_first && (capitalised_script || a.ascii)) return std::nullopt;
      std::size_t k = i + 1;
      if (k < t.size() && gap(k) == ".") {
        // "Dec. 9": the full stop belongs to the abbreviation; nothing else to do.
      }
      if (k < t.size() && (space_gap(k) || gap_is(k, ". "))) {
        if (const int d = day_number(t[k]); d > 0 && year_number(t[k]) < 0) {
          int d2 = 0;
          std::size_t end = k;
          if (k + 1 < t.size() && dash_gap(k + 1) && day_number(t[k + 1]) > d) {
            d2 = day_number(t[k + 1]);
            end = k + 1;
          }
          std::optional<int> y;
          if (end + 1 < t.size() && gap_is(end + 1, " ,") && year_number(t[end + 1]) > 0) {
            y = year_number(t[end + 1]);
            end = end + 1;
          } else {
            y = year_for(m, d);
            *conf = 0.8;
          }
          if (!y || d > days_in_month(*y, m) || d2 > days_in_month(*y, m)) return std::nullopt;
          *last = end;
          if (d2 > 0) return range(make_date(*y, m, d), make_date(*y, m, d2));
          return single(make_date(*y, m, d));
        }
        if (const int y = year_number(t[k]); y > 0 && gap_is(k, " ,.")) {
          *last = k;
          return single(make_date(y, m));
        }
      }
      if (abbreviated) return std::nullopt;  // "Jan" alone is more often a name
      // A month alone: after a preposition, or any capitalised month name but May and March.
      const bool after_preposition = prev_is(i, month_prepositions());
      if (!after_preposition && (m == 5 || m == 3)) return std::nullopt;
      const auto y = year_for(m, 0);
      if (!y) return std::nullopt;
      *last = i;
      *conf = after_preposition ? 0.8 : 0.6;
      return single(make_date(*y, m));
    }
    return std::nullopt;
  }

  // Relative expressions at token i: last/this/next year|month, yesterday/today/tomorrow,
  // weekdays.
  std::optional<DateRange> relative_at(std::size_t i, std::size_t* last) {
    if (!pub || i >= t.size()) return std::nullopt;
    const std::string& w = t[i].folded;
    if ((w == "last" || w == "this" || w == "next") && i + 1 < t.size() && space_gap(i + 1)) {
      const int delta = w == "last" ? -1 : (w == "next" ? 1 : 0);
      if (t[i + 1].folded == "year") {
        *last = i + 1;
        return single(make_date(pub->year + delta));
      }
      if (t[i + 1].folded == "month" && pub->precision != DatePrecision::kYear) {
        int y = pub->year;
        int m = pub->month + delta;
        if (m < 1) {
          m = 12;
          --y;
        } else if (m > 12) {
          m = 1;
          ++y;
        }
        *last = i + 1;
        return single(make_date(y, m));
      }
      if (const int wd = ex.weekday_of(t[i + 1].folded, language);
          wd > 0 && t[i + 1].upper_first && pub->day > 0) {
        const long today = days_from_civil(pub->year, pub->month, pub->day);
        const int now = weekday(today);
        long target = 0;
        if (delta < 0) {
          target = today - ((now - wd + 7) % 7 == 0 ? 7 : (now - wd + 7) % 7);
        } else if (delta > 0) {
          target = today + ((wd - now + 7) % 7 == 0 ? 7 : (wd - now + 7) % 7);
        } else {
          target = today - (now - wd + 7) % 7;
        }
        *last = i + 1;
        return single(civil_from_days(target));
      }
    }
    if (pub->day > 0) {
      const long today = days_from_civil(pub->year, pub->month, pub->day);
      if (w == "yesterday" || w == "today" || w == "tomorrow") {
        *last = i;
        return single(civil_from_days(today + (w == "yesterday" ? -1 : (w == "today" ? 0 : 1))));
      }
      if (const int wd = ex.weekday_of(w, language); wd > 0) {
        const DateExtractor::Names* names = ex.names(language);
        if (!t[i].upper_first && (t[i].ascii || (names != nullptr && names->capitalised))) {
          return std::nullopt;
        }
        // "Monday, December 9" is one date: leave the weekday to the date that follows.
        std::size_t probe = 0;
        double c = 0;
        if (i + 1 < t.size() && gap_is(i + 1, " ,") && date_at(i + 1, &probe, &c)) {
          return std::nullopt;
        }
        const int now = weekday(today);
        *last = i;
        return single(civil_from_days(today - (now - wd + 7) % 7));
      }
    }
    return std::nullopt;
  }

  void run() {
    static const std::set<std::string> kRangeStart = {"from", "between"};
    for (std::size_t i = 0; i < t.size();) {
      std::size_t last = i;
      double conf = 0.9;
      auto value = date_at(i, &last, &conf);
      if (!value) {
        value = relative_at(i, &last);
        conf = 0.7;
      }
      if (!value) {
        ++i;
        continue;
      }
      // "from May to July", "between 2019 and 2021", "May-July": one range.
      const std::size_t join = last + 1;
      if (join + 1 < t.size() &&
          ((prev_is(i, kRangeStart) && space_gap(join) &&
            (t[join].folded == "to" || t[join].folded == "until" || t[join].folded == "and" ||
             t[join].folded == "till" || t[join].folded == "through") &&
            space_gap(join + 1)) ||
           (dash_gap(join) && month_at(i) > 0))) {
        const std::size_t second = dash_gap(join) ? join : join + 1;
        std::size_t last2 = second;
        double conf2 = 0;
        if (auto to = date_at(second, &last2, &conf2)) {
          if (to->last_day_key() >= value->first_day_key()) {
            add(i, last2, range(value->from, to->to), std::min(conf, conf2));
            i = last2 + 1;
            continue;
          }
        }
      }
      add(i, last, *value, conf);
      i = last + 1;
    }
  }
};

void add_names(DateExtractor::Names& names, const icu::UnicodeString* list, int32_t count,
               int offset, int value_add, bool weekdays) {
  for (int32_t k = 0; k < count; ++k) {
    std::string utf8;
    list[k].toUTF8String(utf8);
    while (!utf8.empty() && utf8.back() == '.') utf8.pop_back();
    if (utf8.empty()) continue;
    const auto tokens = annotation_tokens(utf8);
    if (tokens.size() != 1) continue;
    const int index = k - offset + 1;
    if (weekdays) {
      // ICU: 1 = Sunday .. 7 = Saturday; ours: 1 = Monday .. 7 = Sunday.
      if (index < 1 || index > 7) continue;
      names.weekdays.emplace(tokens[0].folded, index == 1 ? 7 : index - 1);
    } else {
      if (index < 1 || index > 12) continue;
      names.months.emplace(tokens[0].folded, index + value_add);
    }
  }
}

}  // namespace

DateExtractor::DateExtractor(const std::vector<std::string>& languages) {
  std::vector<std::string> langs = {"en"};
  for (const auto& l : languages) langs.push_back(primary_language(l));
  for (const auto& lang : langs) {
    if (names_.count(lang) > 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    const icu::DateFormatSymbols symbols(icu::Locale(lang.c_str()), status);
    if (U_FAILURE(status)) continue;
    Names names;
    using Sym = icu::DateFormatSymbols;
    for (const auto context : {Sym::FORMAT, Sym::STANDALONE}) {
      int32_t count = 0;
      const icu::UnicodeString* wide = symbols.getMonths(count, context, Sym::WIDE);
      add_names(names, wide, count, 0, 0, false);
      if (context == Sym::FORMAT && count > 0) {
        const UChar32 first = wide[0].char32At(0);
        names.capitalised = u_isupper(first) != 0;
      }
      const icu::UnicodeString* abbr = symbols.getMonths(count, context, Sym::ABBREVIATED);
      add_names(names, abbr, count, 0, kAbbreviation, false);
      const icu::UnicodeString* days = symbols.getWeekdays(count, context, Sym::WIDE);
      add_names(names, days, count, 1, 0, true);
    }
    if (lang == "en") names.months.emplace("sept", 9 + kAbbreviation);
    names_.emplace(lang, std::move(names));
  }
}

const DateExtractor::Names* DateExtractor::names(const std::string& language) const {
  const auto it = names_.find(primary_language(language));
  return it == names_.end() ? nullptr : &it->second;
}

int DateExtractor::month_of(const std::string& folded, const std::string& language) const {
  for (const Names* n : {names(language), names("en")}) {
    if (n == nullptr) continue;
    if (const auto it = n->months.find(folded); it != n->months.end()) return it->second;
  }
  return 0;
}

int DateExtractor::weekday_of(const std::string& folded, const std::string& language) const {
  for (const Names* n : {names(language), names("en")}) {
    if (n == nullptr) continue;
    if (const auto it = n->weekdays.find(folded); it != n->weekdays.end()) return it->second;
  }
  return 0;
}

std::vector<DateMention> DateExtractor::extract(const std::string& text,
                                                const std::optional<PartialDate>& published,
                                                const std::string& language) const {
  return extract(text, annotation_tokens(text), published, language);
}

std::vector<DateMention> DateExtractor::extract(const std::string& text,
                                                const std::vector<TextToken>& tokens,
                                                const std::optional<PartialDate>& published,
                                                const std::string& language) const {
  Parser p{text, tokens, published, *this, language, {}};
  p.run();
  return std::move(p.out);
}

}  // namespace annosearch
