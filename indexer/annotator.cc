// The annotator: a token trie over the registry's names, context rules, dates and themes.
#include "indexer/annotator.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/index.h"
#include "core/json.h"
#include "core/schema.h"

namespace annosearch {
namespace {

constexpr uint32_t kNoKey = 0xffffffffU;

// How a word of an alias constrains the case of the text's word.
enum class CaseRule : uint8_t { kAny, kCapital, kAllCaps };

struct Target {
  uint32_t entity = 0;
  uint8_t skip_front = 0;  // leading words of the alias outside the span ("the" West)
  uint8_t skip_back = 0;   // trailing common nouns outside the span (Tajik "people")
  std::vector<CaseRule> rules;
  // Word k (k >= 1) may follow a full stop and spaces ("St. Louis"): the alias writes it so.
  std::vector<bool> after_stop;
};

// A gap between two words that is a full stop and spaces (". "), as in an abbreviation.
bool stop_gap(std::string_view gap) {
  return gap.size() >= 2 && gap[0] == '.' &&
         gap.find_first_not_of(' ', 1) == std::string_view::npos;
}

CaseRule case_rule(const TextToken& t) {
  if (!t.cased) return CaseRule::kAny;
  std::size_t letters = 0;
  for (const char c : t.folded) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z')) ++letters;
  }
  if (t.all_upper && letters >= 2) return CaseRule::kAllCaps;
  return t.upper_first ? CaseRule::kCapital : CaseRule::kAny;
}

bool case_ok(CaseRule rule, const TextToken& t) {
  switch (rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kCapital:
      return t.upper_first || !t.cased;
    case CaseRule::kAllCaps:
      return t.all_upper || !t.cased;
  }
  return true;
}

const std::set<std::string>& people_nouns() {
  static const std::set<std::string> kWords = {
      "people",     "peoples",     "citizens",    "citizen",   "society",      "women",
      "woman",      "men",         "man",         "children",  "refugees",     "refugee",
      "asylum",     "migrants",    "migrant",     "workers",   "worker",       "population",
      "natives",    "native",      "diaspora",    "community", "communities",  "families",
      "nationals",  "youth",       "students",    "origin",    "descent",      "minority",
      "minorities", "majority",    "elders",      "villagers", "residents",    "civilians",
      "emigrants",  "immigrants",  "labourers",   "laborers",  "girls",        "boys",
      "kin",        "brethren",    "compatriots", "speakers",  "nationalists", "public",
      "families",   "descendants", "tribes",      "tribe",     "clans",        "ethnicity"};
  return kWords;
}

const std::set<std::string>& place_before() {
  static const std::set<std::string> kWords = {
      "into",    "near",       "outside", "around",   "via",     "toward",   "towards",
      "entered", "captured",   "seized",  "besieged", "visited", "visiting", "reached",
      "over",    "across",     "enter",   "capture",  "seize",   "take",     "took",
      "taken",   "surrounded", "shelled", "bombed"};
  return kWords;
}

const std::set<std::string>& motion_verbs() {
  static const std::set<std::string> kWords = {
      "traveled", "travelled", "travels", "travel",   "traveling", "travelling", "went",
      "go",       "going",     "goes",    "flew",     "fly",       "flying",     "came",
      "come",     "coming",    "moved",   "move",     "returned",  "return",     "returning",
      "arrived",  "arrive",    "arrives", "arriving", "fled",      "flee",       "fleeing",
      "trip",     "visit",     "journey", "back",     "headed",    "heading",    "landed",
      "born",     "lives",     "lived",   "living",   "stationed", "based",      "held",
      "staying",  "stayed"};
  return kWords;
}

const std::set<std::string>& place_of() {
  static const std::set<std::string> kWords = {
      "fall",    "streets", "outskirts", "center",  "centre",  "mayor",   "residents",
      "capture", "siege",   "city",      "suburbs", "airport", "streets", "heart",
      "north",   "south",   "east",      "west",    "people"};
  return kWords;
}

const std::set<std::string>& place_after() {
  static const std::set<std::string> kWords = {"airport", "city",    "residents", "mayor",
                                               "streets", "suburbs", "province",  "municipality"};
  return kWords;
}

// Words of an event that happens somewhere: a capital after "in" or "at" in the same clause is
// the place of the event, not its government ("signed the agreement in Tashkent", "talks held in
// Dushanbe", "hosted the summit in Ashgabat").
const std::set<std::string>& event_words() {
  static const std::set<std::string> kWords = {
      "hosted",   "host",     "hosts",      "hosting",  "held",         "hold",
      "holds",    "holding",  "met",        "meet",     "meets",        "meeting",
      "meetings", "talks",    "summit",     "summits",  "conference",   "conferences",
      "signed",   "sign",     "signs",      "signing",  "negotiations", "forum",
      "ceremony", "gathered", "gathering",  "convened", "session",      "rally",
      "rallies",  "protest",  "protests",   "parade",   "exhibition",   "festival",
      "concert",  "match",    "tournament", "congress", "consultations"};
  return kWords;
}

// Words that end a clause when they stand between two words of a text.
bool clause_break(std::string_view between) {
  return between.find_first_of(",;:.!?()") != std::string_view::npos ||
         between.find("\u2014") != std::string_view::npos;  // an em dash
}

// A match of the trie: words [first, last) of the text, the span's words [span_first, span_last).
struct RawMatch {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t span_first = 0;
  std::size_t span_last = 0;
  std::vector<const Target*> targets;  // one per entity
};

struct KeywordEntry {
  uint32_t theme = 0;
  std::vector<std::string> rest;  // the words after the first
  bool prefix_last = false;       // the last word is a prefix ("refugee*")
  double weight = 1.0;
};

}  // namespace

struct Annotator::Impl {
  AnnotatorOptions options;
  Registry registry;
  Taxonomy taxonomy;
  std::vector<const Entity*> entities;
  std::unordered_map<std::string, uint32_t> entity_index;
  // Per entity: the country it is the capital of (index) or kNoKey; the country a NORP belongs to.
  std::vector<uint32_t> capital_of;
  std::vector<uint32_t> associated_with;
  std::vector<std::vector<uint32_t>> related;  // both directions

  std::unordered_map<std::string, uint32_t> vocabulary;
  std::unordered_map<uint64_t, uint32_t> edges;
  std::vector<std::vector<Target>> accepting;  // per trie node
  std::size_t names = 0;

  std::vector<std::string> theme_ids;
  std::unordered_map<std::string, std::vector<KeywordEntry>> keywords;  // by first word
  std::unordered_map<std::string, std::vector<KeywordEntry>> prefixes;  // by first-word prefix
  std::size_t min_prefix = 1000;
  std::size_t max_prefix = 0;
  std::size_t keyword_count = 0;

  DateExtractor dates;

  explicit Impl(AnnotatorOptions opt) : options(std::move(opt)), dates(options.languages) {}

  // The type of an entity by id ("" when unknown).
  [[nodiscard]] const std::string& entity_type(const std::string& id) const {
    static const std::string kNone;
    const auto it = entity_index.find(id);
    return it == entity_index.end() ? kNone : entities[it->second]->type;
  }

  uint32_t key_id(const std::string& key, bool create) {
    const auto it = vocabulary.find(key);
    if (it != vocabulary.end()) return it->second;
    if (!create) return kNoKey;
    const auto id = static_cast<uint32_t>(vocabulary.size());
    vocabulary.emplace(key, id);
    return id;
  }

  void add_name(uint32_t entity, const std::string& name) {
    const std::vector<TextToken> tokens = annotation_tokens(name);
    if (tokens.empty() || tokens.size() > 250) return;
    Target target;
    target.entity = entity;
    // Common words around a capitalised name decide the link but stay outside the span.
    std::size_t front = 0;
    std::size_t back = tokens.size();
    bool any_capital = false;
    for (const auto& t : tokens) any_capital = any_capital || (t.cased && t.upper_first);
    if (any_capital) {
      while (front < back && tokens[front].cased && !tokens[front].upper_first) ++front;
      while (back > front && tokens[back - 1].cased && !tokens[back - 1].upper_first) --back;
    }
    target.skip_front = static_cast<uint8_t>(front);
    target.skip_back = static_cast<uint8_t>(tokens.size() - back);
    target.after_stop.assign(tokens.size(), false);
    for (std::size_t k = 1; k < tokens.size(); ++k) {
      target.after_stop[k] = stop_gap(
          std::string_view(name).substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end));
    }
    uint32_t node = 0;
    for (const auto& t : tokens) {
      const std::string key = match_key(t.folded);
      if (key.empty()) return;
      const uint32_t k = key_id(key, true);
      const uint64_t edge = (static_cast<uint64_t>(node) << 32) | k;
      const auto it = edges.find(edge);
      if (it != edges.end()) {
        node = it->second;
      } else {
        const auto next = static_cast<uint32_t>(accepting.size());
        accepting.emplace_back();
        edges.emplace(edge, next);
        node = next;
      }
      target.rules.push_back(case_rule(t));
    }
    auto& here = accepting[node];
    for (auto& existing : here) {
      if (existing.entity == entity && existing.skip_front == target.skip_front &&
          existing.skip_back == target.skip_back && existing.after_stop == target.after_stop) {
        // Same words for the same entity: keep the loosest case rules.
        for (std::size_t k = 0; k < existing.rules.size(); ++k) {
          existing.rules[k] = std::min(existing.rules[k], target.rules[k]);
        }
        return;
      }
    }
    here.push_back(std::move(target));
    ++names;
  }

  void add_keyword(uint32_t theme, const std::string& keyword) {
    std::string k = keyword;
    bool prefix = false;
    if (!k.empty() && k.back() == '*') {
      prefix = true;
      k.pop_back();
    }
    const auto tokens = annotation_tokens(k);
    if (tokens.empty()) return;
    KeywordEntry e;
    e.theme = theme;
    e.prefix_last = prefix;
    e.weight = tokens.size() > 1 ? 2.0 : 1.0;
    for (std::size_t i = 1; i < tokens.size(); ++i) e.rest.push_back(tokens[i].folded);
    ++keyword_count;
    if (prefix && tokens.size() == 1) {
      min_prefix = std::min(min_prefix, tokens[0].folded.size());
      max_prefix = std::max(max_prefix, tokens[0].folded.size());
      prefixes[tokens[0].folded].push_back(std::move(e));
    } else {
      keywords[tokens[0].folded].push_back(std::move(e));
    }
  }

  // Walks the trie from every word; the longest match whose case rules hold wins.
  std::vector<RawMatch> match(const std::vector<TextToken>& tokens, const std::string& text) const {
    std::vector<RawMatch> out;
    std::vector<uint32_t> keys(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto& t = tokens[i];
      const auto it = t.ascii ? vocabulary.find(t.folded) : vocabulary.find(match_key(t.folded));
      keys[i] = it == vocabulary.end() ? kNoKey : it->second;
    }
    for (std::size_t i = 0; i < tokens.size();) {
      uint32_t node = 0;
      std::size_t best_end = 0;
      std::vector<const Target*> best;
      std::vector<std::size_t> stops;  // words (from i) that follow a full stop and spaces
      for (std::size_t j = i; j < tokens.size(); ++j) {
        if (keys[j] == kNoKey) break;
        if (j > i) {
          // A name does not run across a line or a sentence-ending or bracketing mark, except a
          // full stop its alias writes too ("St. Louis").
          const std::string_view gap =
              std::string_view(text).substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
          if (stop_gap(gap)) {
            stops.push_back(j - i);
          } else if (gap.find_first_of("\n.,;:!?()[]\"") != std::string_view::npos &&
                     gap.find_first_not_of('.') != std::string_view::npos) {
            break;
          }
        }
        const auto e = edges.find((static_cast<uint64_t>(node) << 32) | keys[j]);
        if (e == edges.end()) break;
        node = e->second;
        std::vector<const Target*> ok;
        for (const Target& target : accepting[node]) {
          bool good = true;
          for (std::size_t k = 0; k < target.rules.size() && good; ++k) {
            good = case_ok(target.rules[k], tokens[i + k]);
          }
          for (const std::size_t k : stops) good = good && target.after_stop[k];
          if (!good) continue;
          if (std::none_of(ok.begin(), ok.end(),
                           [&](const Target* t) { return t->entity == target.entity; })) {
            ok.push_back(&target);
          }
        }
        if (!ok.empty()) {
          best_end = j + 1;
          best = std::move(ok);
        }
      }
      if (best.empty()) {
        ++i;
        continue;
      }
      RawMatch m;
      m.first = i;
      m.last = best_end;
      m.span_first = i + best.front()->skip_front;
      m.span_last = best_end - best.front()->skip_back;
      m.targets = std::move(best);
      out.push_back(std::move(m));
      i = best_end;
    }
    return out;
  }

  [[nodiscard]] const std::string& word(const std::vector<TextToken>& t, std::size_t i) const {
    static const std::string kNone;
    return i < t.size() ? t[i].folded : kNone;
  }

  // Settles every match to one entity with the context rules.
  // `places`: every capital is read as the city (a dateline names where a story was filed).
  std::vector<FoundMention> resolve(const std::vector<RawMatch>& matches,
                                    const std::vector<TextToken>& t, std::string_view text,
                                    bool places = false) const {
    // Whether a clause break (punctuation) stands between words i and i + 1.
    const auto broken = [&](std::size_t i) {
      return i + 1 >= t.size() || clause_break(text.substr(t[i].end, t[i + 1].begin - t[i].end));
    };
    // An event word among the (at most six) words before word i in its clause.
    const auto event_before = [&](std::size_t i) {
      for (std::size_t k = 1; k <= 6 && k <= i; ++k) {
        if (broken(i - k)) return false;
        if (event_words().count(word(t, i - k)) > 0) return true;
      }
      return false;
    };
    // A route: "from X to Y" (Y within four words of "from", in one clause).
    const auto route_start = [&](std::size_t b, std::size_t e) {
      return b >= 1 && word(t, b - 1) == "from" && word(t, e) == "to" && !broken(e - 1);
    };
    const auto route_end = [&](std::size_t b) {
      if (b < 1 || word(t, b - 1) != "to") return false;
      for (std::size_t k = 2; k <= 5 && k <= b; ++k) {
        if (broken(b - k)) return false;
        if (word(t, b - k) == "from") return true;
      }
      return false;
    };
    bool previous_place = false;  // the previous mention was a capital read as a place
    std::vector<FoundMention> out;
    // Entities named without ambiguity anywhere in the text, for the context rule.
    std::set<uint32_t> sure;
    for (const auto& m : matches) {
      if (m.targets.size() == 1) sure.insert(m.targets.front()->entity);
    }
    uint32_t previous_entity = kNoKey;
    std::size_t previous_last = 0;
    for (const auto& m : matches) {
      FoundMention f;
      f.span = {t[m.span_first].start, t[m.span_last - 1].stop};
      std::vector<uint32_t> cands;
      for (const Target* target : m.targets) cands.push_back(target->entity);
      uint32_t chosen = kNoKey;
      double confidence = 0.9;
      std::string rule = "unique";
      const std::size_t b = m.span_first;
      const std::size_t e = m.span_last;
      if (cands.size() > 1) {
        const auto type_of = [&](uint32_t c) -> const std::string& { return entities[c]->type; };
        // Language: "Tajik language", "in Tajik" said of speech.
        const auto lang = std::find_if(cands.begin(), cands.end(),
                                       [&](uint32_t c) { return type_of(c) == "LANGUAGE"; });
        if (lang != cands.end()) {
          if (word(t, e) == "language" || word(t, e) == "languages") {
            chosen = *lang;
            rule = "language";
          } else {
            cands.erase(lang);
          }
        }
        // A capital and its country.
        if (chosen == kNoKey && cands.size() > 1) {
          uint32_t city = kNoKey;
          uint32_t country = kNoKey;
          for (const uint32_t c : cands) {
            if (capital_of[c] != kNoKey &&
                std::find(cands.begin(), cands.end(), capital_of[c]) != cands.end()) {
              city = c;
              country = capital_of[c];
            }
          }
          if (city != kNoKey) {
            const std::string& p1 = b >= 1 ? word(t, b - 1) : word(t, t.size());
            const std::string& p2 = b >= 2 ? word(t, b - 2) : word(t, t.size());
            const bool place =
                places || place_before().count(p1) > 0 ||
                ((p1 == "to" || p1 == "in" || p1 == "at" || p1 == "from") &&
                 motion_verbs().count(p2) > 0) ||
                (p1 == "of" && place_of().count(p2) > 0) || place_after().count(word(t, e)) > 0 ||
                // The place of an event: "signed the agreement in Tashkent".
                ((p1 == "in" || p1 == "at") && event_before(b - 1)) ||
                // A route's ends: "a road from Dushanbe to the border", "from Termez to Kabul".
                route_start(b, e) || route_end(b) ||
                // Coordinated with a capital read as a place: "in Tashkent and Ashgabat".
                ((p1 == "and" || p1 == "or") && previous_place && previous_last + 1 == b);
            chosen = place ? city : country;
            rule = place ? "capital-as-place" : "capital-as-government";
            confidence = 0.8;
          }
        }
        // A demonym: the state, or people.
        if (chosen == kNoKey && cands.size() > 1) {
          uint32_t norp = kNoKey;
          uint32_t state = kNoKey;
          for (const uint32_t c : cands) {
            if (type_of(c) == "NORP") norp = c;
            if (type_of(c) == "GPE") state = c;
          }
          if (norp != kNoKey && state != kNoKey) {
            const std::string& p1 = b >= 1 ? word(t, b - 1) : word(t, t.size());
            bool people =
                p1 == "ethnic" || p1 == "non" || p1 == "fellow" ||
                people_nouns().count(word(t, e)) > 0 ||
                (people_nouns().count(word(t, e + 1)) > 0 && t.size() > e && !t[e].upper_first);
            // Coordination: "ethnic Uzbeks and Turkmen".
            if (!people && (p1 == "and" || p1 == "or") && previous_entity != kNoKey &&
                previous_last + 1 == b && type_of(previous_entity) == "NORP") {
              people = true;
            }
            chosen = people ? norp : state;
            rule = people ? "demonym-people" : "demonym-state";
            confidence = 0.8;
          }
        }
        // Any other shared name: the candidate with most related entities named in the text.
        if (chosen == kNoKey && cands.size() > 1) {
          int best = -1;
          bool tie = false;
          for (const uint32_t c : cands) {
            int score = 0;
            for (const uint32_t r : related[c]) score += sure.count(r) > 0 ? 1 : 0;
            if (score > best) {
              best = score;
              chosen = c;
              tie = false;
            } else if (score == best) {
              tie = true;
            }
          }
          // A tie has no evidence either way: leave the name unannotated.
          if (tie) continue;
          rule = "context";
          confidence = 0.6;
        }
        if (chosen == kNoKey) chosen = cands.front();
      } else {
        chosen = cands.front();
        const bool acronym =
            std::all_of(m.targets.front()->rules.begin(), m.targets.front()->rules.end(),
                        [](CaseRule r) { return r == CaseRule::kAllCaps; });
        if (acronym) confidence = 0.85;
      }
      f.id = entities[chosen]->id;
      f.confidence = confidence;
      f.rule = rule;
      previous_place = rule == "capital-as-place";
      previous_entity = chosen;
      previous_last = m.span_last;
      out.push_back(std::move(f));
    }
    return out;
  }

  std::vector<ThemeAnnotation> themes_of(const std::string& text) const {
    std::vector<ThemeAnnotation> out;
    if (keyword_count == 0) return out;
    const std::vector<Passage> passages = split_passages(text);
    // Per passage, evidence per theme.
    std::vector<std::map<uint32_t, double>> scores(passages.size());
    std::vector<TextToken> tokens = annotation_tokens(text);
    std::size_t p = 0;
    const auto hit = [&](const KeywordEntry& k, std::size_t i) {
      for (std::size_t r = 0; r < k.rest.size(); ++r) {
        if (i + 1 + r >= tokens.size()) return false;
        const std::string& w = tokens[i + 1 + r].folded;
        const bool last = r + 1 == k.rest.size();
        if (last && k.prefix_last ? w.rfind(k.rest[r], 0) != 0 : w != k.rest[r]) return false;
      }
      return true;
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      while (p + 1 < passages.size() && tokens[i].start >= passages[p].span.end) ++p;
      const std::string& w = tokens[i].folded;
      if (const auto it = keywords.find(w); it != keywords.end()) {
        for (const auto& k : it->second) {
          if (hit(k, i)) scores[p][k.theme] += k.weight;
        }
      }
      if (w.size() >= min_prefix) {
        for (std::size_t len = min_prefix; len <= std::min(w.size(), max_prefix); ++len) {
          const auto it = prefixes.find(w.substr(0, len));
          if (it == prefixes.end()) continue;
          for (const auto& k : it->second) scores[p][k.theme] += k.weight;
        }
      }
    }
    // Document-level totals pick the fallback theme.
    std::map<uint32_t, double> total;
    for (const auto& s : scores) {
      for (const auto& [theme, v] : s) total[theme] += v;
    }
    uint32_t leading = kNoKey;
    double leading_score = 0;
    for (const auto& [theme, v] : total) {
      if (v > leading_score) {
        leading = theme;
        leading_score = v;
      }
    }
    std::map<uint32_t, std::vector<int>> assigned;
    std::size_t nonempty = 0;
    for (std::size_t k = 0; k < passages.size(); ++k) {
      if (passages[k].span.end == passages[k].span.start) continue;
      ++nonempty;
      std::set<uint32_t> chosen;
      for (const auto& [theme, v] : scores[k]) chosen.insert(theme);
      // Most specific: drop a parent when a child of it is chosen.
      std::set<uint32_t> drop;
      for (const uint32_t c : chosen) {
        const auto ancestors = taxonomy.with_ancestors(theme_ids[c]);
        for (std::size_t a = 1; a < ancestors.size(); ++a) {
          for (const uint32_t other : chosen) {
            if (theme_ids[other] == ancestors[a]) drop.insert(other);
          }
        }
      }
      for (const uint32_t d : drop) chosen.erase(d);
      if (chosen.empty() && leading != kNoKey) chosen.insert(leading);
      for (const uint32_t c : chosen) assigned[c].push_back(passages[k].n);
    }
    for (const auto& [theme, ps] : assigned) {
      ThemeAnnotation a;
      a.id = theme_ids[theme];
      const double share =
          nonempty == 0 ? 0 : static_cast<double>(ps.size()) / static_cast<double>(nonempty);
      a.weight = std::round(std::min(0.9, 0.2 + 1.4 * share) * 10) / 10;
      a.passages = ps;
      a.source = "auto";
      out.push_back(std::move(a));
    }
    return out;
  }
};

Annotator::Annotator(const Registry& registry, const Taxonomy& taxonomy, AnnotatorOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  Impl& m = *impl_;
  m.registry = registry;
  m.taxonomy = taxonomy;
  m.accepting.emplace_back();  // the root
  for (const auto& [id, e] : m.registry.entities()) {
    m.entity_index.emplace(id, static_cast<uint32_t>(m.entities.size()));
    m.entities.push_back(&e);
  }
  const std::size_t n = m.entities.size();
  m.capital_of.assign(n, kNoKey);
  m.associated_with.assign(n, kNoKey);
  m.related.assign(n, {});
  for (uint32_t i = 0; i < n; ++i) {
    const Entity& e = *m.entities[i];
    for (const auto& r : e.related) {
      const auto it = m.entity_index.find(r.id);
      if (it == m.entity_index.end()) continue;
      m.related[i].push_back(it->second);
      m.related[it->second].push_back(i);
      if (r.relation == "capital-of") m.capital_of[i] = it->second;
      if (r.relation == "capital") m.capital_of[it->second] = i;
      if (r.relation == "associated-with") m.associated_with[i] = it->second;
    }
    m.add_name(i, e.name);
    for (const auto& a : e.aliases) m.add_name(i, a);
  }
  for (const auto& [id, theme] : m.taxonomy.themes()) {
    const auto index = static_cast<uint32_t>(m.theme_ids.size());
    m.theme_ids.push_back(id);
    for (const auto& k : theme.keywords) m.add_keyword(index, k);
  }
}

Annotator::~Annotator() = default;

std::size_t Annotator::entity_count() const { return impl_->entities.size(); }
std::size_t Annotator::name_count() const { return impl_->names; }
std::size_t Annotator::theme_keyword_count() const { return impl_->keyword_count; }

std::vector<FoundMention> Annotator::find_entities(const std::string& text) const {
  const auto tokens = annotation_tokens(text);
  return impl_->resolve(impl_->match(tokens, text), tokens, text);
}

std::vector<DateMention> Annotator::find_dates(const Document& doc) const {
  return impl_->dates.extract(doc.text, doc.date, doc.language);
}

std::vector<ThemeAnnotation> Annotator::find_themes(const std::string& text) const {
  return impl_->themes_of(text);
}

namespace {

bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

bool is_place_type(const std::string& type) { return type == "GPE" || type == "LOC"; }

}  // namespace

// The salience rule for places (docs/annotation-guidelines.md section 9): an automatic place
// entry is what the document is about when the dateline names it (an entry without mentions),
// the title names it, a mention lies in the first paragraph, it is named at least twice, or it is
// the only place the document names; otherwise it is marked salient: false (named in passing).
// Its mentions are kept either way: the rule concerns the document-level list only.
void Annotator::mark_salience(const Impl& m, const Document& doc,
                              const std::set<std::string>& listed,
                              const std::set<std::string>& in_dateline,
                              std::map<std::string, EntityAnnotation>& added) {
  std::size_t places = 0;
  for (const auto& id : listed) places += is_place_type(m.entity_type(id)) ? 1 : 0;
  for (const auto& [id, a] : added) places += is_place_type(m.entity_type(id)) ? 1 : 0;
  std::set<std::string> in_title;
  if (!doc.title.empty()) {
    const auto title_tokens = annotation_tokens(doc.title);
    for (const auto& f : m.resolve(m.match(title_tokens, doc.title), title_tokens, doc.title)) {
      in_title.insert(f.id);
    }
  }
  // The first paragraph: the first passage with a word in it.
  Span first{0, 0};
  for (const auto& p : split_passages(doc.text)) {
    if (p.span.end > p.span.start) {
      first = p.span;
      break;
    }
  }
  for (auto& [id, a] : added) {
    if (!is_place_type(m.entity_type(id))) continue;
    const bool salient = a.mentions.empty() || in_dateline.count(id) > 0 ||
                         a.mentions.size() >= 2 || places == 1 || in_title.count(id) > 0 ||
                         std::any_of(a.mentions.begin(), a.mentions.end(),
                                     [&](const Span& s) { return overlaps(s, first); });
    a.salient = salient;
  }
}

AnnotationCounts Annotator::annotate(Document& doc) const {
  AnnotationCounts counts;
  const Impl& m = *impl_;
  std::vector<TextToken> tokens;
  if (m.options.entities || m.options.dates) tokens = annotation_tokens(doc.text);
  if (m.options.entities && !m.entities.empty()) {
    std::set<std::string> listed;
    std::vector<Span> existing;
    for (const auto& e : doc.entities) {
      listed.insert(e.id);
      existing.insert(existing.end(), e.mentions.begin(), e.mentions.end());
    }
    std::map<std::string, EntityAnnotation> added;
    for (const auto& f : m.resolve(m.match(tokens, doc.text), tokens, doc.text)) {
      if (listed.count(f.id) > 0) continue;
      if (std::any_of(existing.begin(), existing.end(),
                      [&](const Span& s) { return overlaps(s, f.span); })) {
        continue;
      }
      auto& a = added[f.id];
      a.id = f.id;
      a.source = "auto";
      a.mentions.push_back(f.span);
      // The entry's confidence: the lowest of its mentions.
      a.confidence = a.confidence ? std::min(*a.confidence, f.confidence) : f.confidence;
    }
    // The dateline's place ("HOUSTON, Feb 26 -": what comes before the first comma): the place
    // the story was filed from, a document-level entity (the dateline is not in the text).
    std::set<std::string> in_dateline;
    if (!doc.dateline.empty()) {
      const std::string place = doc.dateline.substr(0, doc.dateline.find(','));
      const auto place_tokens = annotation_tokens(place);
      for (const auto& f : m.resolve(m.match(place_tokens, place), place_tokens, place, true)) {
        const std::string& type = m.entity_type(f.id);
        if (type != "GPE" && type != "LOC" && type != "FAC") continue;
        in_dateline.insert(f.id);
        if (listed.count(f.id) > 0 || added.count(f.id) > 0) continue;
        EntityAnnotation a;
        a.id = f.id;
        a.source = "auto";
        a.confidence = std::min(f.confidence, 0.7);
        added.emplace(f.id, std::move(a));
      }
    }
    mark_salience(m, doc, listed, in_dateline, added);
    for (auto& [id, a] : added) {
      ++counts.entities;
      counts.mentions += a.mentions.size();
      doc.entities.push_back(std::move(a));
    }
  }
  if (m.options.dates) {
    const std::vector<DateMention> existing = doc.dates;
    for (auto& d : m.dates.extract(doc.text, tokens, doc.date, doc.language)) {
      if (std::any_of(existing.begin(), existing.end(),
                      [&](const DateMention& e) { return overlaps(e.span, d.span); })) {
        continue;
      }
      doc.dates.push_back(std::move(d));
      ++counts.dates;
    }
    std::stable_sort(
        doc.dates.begin(), doc.dates.end(),
        [](const DateMention& a, const DateMention& b) { return a.span.start < b.span.start; });
  }
  if (m.options.themes && doc.themes.empty()) {
    doc.themes = m.themes_of(doc.text);
    counts.themes = doc.themes.size();
  }
  return counts;
}

void Annotator::collect_candidates(const std::string& text,
                                   std::map<std::string, NameCandidate>& into) const {
  const auto tokens = annotation_tokens(text);
  const auto matches = impl_->match(tokens, text);
  std::vector<bool> covered(tokens.size(), false);
  for (const auto& mt : matches) {
    for (std::size_t k = mt.first; k < mt.last; ++k) covered[k] = true;
  }
  static const std::set<std::string> kConnectors = {"of", "the", "for", "and", "al", "de", "ul"};
  const auto sentence_start = [&](std::size_t i) {
    if (i == 0) return true;
    const std::string_view gap =
        std::string_view(text).substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    return gap.find_first_of(".!?\n:\"“”") != std::string_view::npos;
  };
  const auto capital_word = [&](std::size_t i) {
    return !covered[i] && tokens[i].cased && tokens[i].upper_first && !tokens[i].digits &&
           impl_->dates.month_of(tokens[i].folded, "en") == 0 &&
           impl_->dates.weekday_of(tokens[i].folded, "en") == 0;
  };
  for (std::size_t i = 0; i < tokens.size();) {
    if (!capital_word(i)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < tokens.size()) {
      const std::string_view gap =
          std::string_view(text).substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
      if (gap != " " && gap != "-") break;
      if (capital_word(j)) {
        ++j;
      } else if (kConnectors.count(tokens[j].folded) > 0 && j + 1 < tokens.size() &&
                 capital_word(j + 1)) {
        j += 2;
      } else {
        break;
      }
    }
    // Sentence openers and function words are not part of a name ("Later Ali Khamenei").
    static const std::set<std::string> kOpeners = {
        "the",     "a",       "an",        "in",        "on",        "at",       "later",
        "however", "but",     "and",       "after",     "before",    "when",     "while",
        "this",    "that",    "these",     "those",     "it",        "he",       "she",
        "they",    "we",      "as",        "for",       "with",      "from",     "by",
        "if",      "since",   "also",      "meanwhile", "then",      "yet",      "so",
        "some",    "many",    "according", "during",    "under",     "despite",  "although",
        "even",    "another", "both",      "such",      "i",         "his",      "her",
        "their",   "our",     "its",       "there",     "what",      "why",      "how",
        "will",    "first",   "second",    "now",       "today",     "only",     "most",
        "mr",      "mrs",     "ms",        "dr",        "president", "minister", "prime",
        "foreign", "former"};
    while (i < j && kOpeners.count(tokens[i].folded) > 0) ++i;
    if (i == j) continue;
    // A lone capitalised word opening a sentence is usually not a name.
    if (j == i + 1 && (sentence_start(i) || tokens[i].folded.size() < 3)) {
      i = j;
      continue;
    }
    const std::size_t begin = tokens[i].begin;
    const std::size_t end = tokens[j - 1].end;
    const std::string name = text.substr(begin, end - begin);
    auto& c = into[name];
    c.name = name;
    ++c.count;
    if (c.contexts.size() < 3) {
      std::size_t from = begin >= 40 ? begin - 40 : 0;
      std::size_t to = std::min(text.size(), end + 40);
      while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
      while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
      std::string context = text.substr(from, to - from);
      std::replace(context.begin(), context.end(), '\n', ' ');
      c.contexts.push_back(std::move(context));
    }
    i = j;
  }
}

AnnotationResources load_annotation_resources(const std::string& index_dir) {
  const Xapian::Database db = open_index(index_dir);
  AnnotationResources r;
  const std::string registry = db.get_metadata(std::string(schema::kMetaRegistry));
  if (!registry.empty()) r.registry = registry_from_string(registry);
  const std::string taxonomy = db.get_metadata(std::string(schema::kMetaTaxonomy));
  if (!taxonomy.empty()) r.taxonomy = taxonomy_from_string(taxonomy);
  r.languages = index_languages(db);
  return r;
}

}  // namespace annosearch
