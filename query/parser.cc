// Recursive-descent parser of the query language.
#include "query/parser.h"

#include <algorithm>

#include "core/error.h"

namespace annosearch {
namespace {

struct Token {
  enum class Kind { kWord, kPhrase, kField, kOpen, kClose, kNot, kOr, kAnd, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;   // word, phrase, or field value
  std::string field;  // kField
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool ends_word(char c) { return is_space(c) || c == '(' || c == ')' || c == '"'; }

bool is_field_name(std::string_view name) {
  return std::find(std::begin(kQueryFields), std::end(kQueryFields), name) !=
         std::end(kQueryFields);
}

std::string fields_list() {
  std::string out;
  for (const auto f : kQueryFields) out += (out.empty() ? "" : ", ") + std::string(f) + ":";
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_];
      if (c == '(') {
        out.push_back({Token::Kind::kOpen, "(", {}});
        ++pos_;
      } else if (c == ')') {
        out.push_back({Token::Kind::kClose, ")", {}});
        ++pos_;
      } else if (c == '"') {
        out.push_back({Token::Kind::kPhrase, quoted(), {}});
      } else if ((c == '-' || c == '+') && pos_ + 1 < text_.size() && !is_space(text_[pos_ + 1]) &&
                 text_[pos_ + 1] != ')') {
        // "-word" negates; "+word" is the default (every word is required) and is accepted.
        if (c == '-') out.push_back({Token::Kind::kNot, "-", {}});
        ++pos_;
      } else {
        out.push_back(word());
      }
    }
    out.push_back({Token::Kind::kEnd, {}, {}});
    return out;
  }

 private:
  // Reads a "quoted" string starting at the quote; returns its content.
  std::string quoted() {
    const std::size_t close = text_.find('"', pos_ + 1);
    if (close == std::string_view::npos) {
      throw Error(ErrorKind::kUsage, "unbalanced quote in the query: " + std::string(text_) +
                                         "; close the phrase with \"");
    }
    std::string out(text_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return out;
  }

  Token word() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && !ends_word(text_[pos_])) ++pos_;
    std::string w(text_.substr(start, pos_ - start));
    if (w == "OR") return {Token::Kind::kOr, w, {}};
    if (w == "AND") return {Token::Kind::kAnd, w, {}};
    if (w == "NOT") return {Token::Kind::kNot, w, {}};
    const std::size_t colon = w.find(':');
    if (colon == std::string::npos || colon == 0) return {Token::Kind::kWord, w, {}};
    const std::string name = w.substr(0, colon);
    const bool alphabetic = std::all_of(name.begin(), name.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    });
    if (!alphabetic) return {Token::Kind::kWord, w, {}};  // "10:30", "ISIL-K:..."
    if (!is_field_name(name)) {
      throw Error(ErrorKind::kUsage, "unknown field \"" + name +
                                         ":\" in the query; the fields are " + fields_list() +
                                         " (quote text that contains a colon)");
    }
    std::string value = w.substr(colon + 1);
    if (value.empty() && pos_ < text_.size() && text_[pos_] == '"') value = quoted();
    if (value.empty()) {
      throw Error(ErrorKind::kUsage, "the field " + name + ": has no value; write " + name +
                                         ":VALUE, quoted when it has spaces (" + name +
                                         ":\"two words\")");
    }
    return {Token::Kind::kField, value, name};
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  QueryNode parse() {
    QueryNode root = conjunction();
    if (peek().kind == Token::Kind::kClose) {
      throw Error(ErrorKind::kUsage, "unbalanced parenthesis in the query: a ) without its (");
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_++]; }

  static QueryNode simplify(QueryNode node) {
    if ((node.kind == QueryNode::Kind::kAnd || node.kind == QueryNode::Kind::kOr) &&
        node.children.size() == 1) {
      return std::move(node.children.front());
    }
    return node;
  }

  // clause* up to the end or a closing parenthesis.
  QueryNode conjunction() {
    QueryNode node;
    node.kind = QueryNode::Kind::kAnd;
    while (peek().kind != Token::Kind::kEnd && peek().kind != Token::Kind::kClose) {
      if (peek().kind == Token::Kind::kAnd) {
        next();
        continue;
      }
      QueryNode child = disjunction();
      if (!child.empty()) node.children.push_back(std::move(child));
    }
    return simplify(std::move(node));
  }

  QueryNode disjunction() {
    if (peek().kind == Token::Kind::kOr) {
      throw Error(ErrorKind::kUsage, "OR needs a term on each side in the query");
    }
    QueryNode node;
    node.kind = QueryNode::Kind::kOr;
    node.children.push_back(unary());
    while (peek().kind == Token::Kind::kOr) {
      next();
      const auto k = peek().kind;
      if (k == Token::Kind::kEnd || k == Token::Kind::kClose || k == Token::Kind::kOr ||
          k == Token::Kind::kAnd) {
        throw Error(ErrorKind::kUsage, "OR needs a term on each side in the query");
      }
      node.children.push_back(unary());
    }
    return simplify(std::move(node));
  }

  QueryNode unary() {
    if (peek().kind == Token::Kind::kNot) {
      next();
      const auto k = peek().kind;
      if (k == Token::Kind::kEnd || k == Token::Kind::kClose || k == Token::Kind::kOr ||
          k == Token::Kind::kAnd) {
        throw Error(ErrorKind::kUsage, "NOT (or -) needs a term after it in the query");
      }
      QueryNode node;
      node.kind = QueryNode::Kind::kNot;
      node.children.push_back(unary());
      return node;
    }
    return atom();
  }

  QueryNode atom() {
    const Token& t = next();
    QueryNode node;
    switch (t.kind) {
      case Token::Kind::kWord:
        node.kind = QueryNode::Kind::kWord;
        node.text = t.text;
        return node;
      case Token::Kind::kPhrase:
        node.kind = QueryNode::Kind::kPhrase;
        node.text = t.text;
        return node;
      case Token::Kind::kField:
        node.kind = QueryNode::Kind::kField;
        node.field = t.field;
        node.text = t.text;
        return node;
      case Token::Kind::kOpen: {
        node = conjunction();
        if (next().kind != Token::Kind::kClose) {
          throw Error(ErrorKind::kUsage, "unbalanced parenthesis in the query: a ( without its )");
        }
        return node;
      }
      case Token::Kind::kClose:
        throw Error(ErrorKind::kUsage, "unbalanced parenthesis in the query: a ) without its (");
      default:
        throw Error(ErrorKind::kUsage, "unexpected \"" + t.text + "\" in the query");
    }
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

QueryNode parse_query(std::string_view text) { return Parser(Lexer(text).run()).parse(); }

std::string describe(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::kWord:
      return node.text;
    case QueryNode::Kind::kPhrase:
      return "\"" + node.text + "\"";
    case QueryNode::Kind::kField:
      return node.field + ":" +
             (node.text.find(' ') == std::string::npos ? node.text : "\"" + node.text + "\"");
    case QueryNode::Kind::kNot:
      return "NOT(" + describe(node.children.front()) + ")";
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr: {
      std::string out = node.kind == QueryNode::Kind::kAnd ? "AND(" : "OR(";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += ", ";
        out += describe(node.children[i]);
      }
      return out + ")";
    }
  }
  return {};
}

}  // namespace annosearch
