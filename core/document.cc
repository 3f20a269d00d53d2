// Passages, registry and taxonomy lookups, and UTF-8 helpers.
#include "core/document.h"

#include <set>

namespace annosearch {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t count_code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (const char c : utf8) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++n;
  }
  return n;
}

std::string substr_code_points(const std::string& utf8, std::size_t start, std::size_t end) {
  std::size_t cp = 0;
  std::size_t begin_byte = utf8.size();
  std::size_t end_byte = utf8.size();
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(utf8[i]))) continue;
    if (cp == start) begin_byte = i;
    if (cp == end) {
      end_byte = i;
      break;
    }
    ++cp;
  }
  if (begin_byte >= end_byte) return {};
  return utf8.substr(begin_byte, end_byte - begin_byte);
}

CodePointIndex::CodePointIndex(const std::string& utf8) : text_(utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(utf8[i]))) continue;
    if (count_ % kStride == 0) every_.push_back(i);
    ++count_;
  }
}

std::size_t CodePointIndex::byte_offset(std::size_t cp) const {
  if (cp >= count_) return text_.size();
  std::size_t i = every_[cp / kStride];
  for (std::size_t left = cp % kStride; left > 0; --left) {
    ++i;
    while (i < text_.size() && is_continuation(static_cast<unsigned char>(text_[i]))) ++i;
  }
  return i;
}

std::string CodePointIndex::substr(std::size_t start, std::size_t end) const {
  if (start >= end || start >= count_) return {};
  const std::size_t b = byte_offset(start);
  return text_.substr(b, byte_offset(end) - b);
}

bool is_valid_utf8(const std::string& bytes, std::size_t* bad_offset) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t len = 0;
    unsigned int cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else {
      if (bad_offset != nullptr) *bad_offset = i;
      return false;
    }
    bool ok = i + len <= bytes.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      ok = is_continuation(cc);
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if (ok) {
      ok = !((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
             (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF);
    }
    if (!ok) {
      if (bad_offset != nullptr) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::vector<Passage> split_passages(const std::string& utf8_text) {
  std::vector<Passage> out;
  std::size_t cp = 0;
  std::size_t line_start = 0;
  int n = 1;
  bool after_cr = false;  // the previous code point is '\r'
  for (const char c : utf8_text) {
    if (is_continuation(static_cast<unsigned char>(c))) continue;
    if (c == '\n') {
      // A '\r' before the '\n' is not part of the passage.
      out.push_back({n++, {line_start, after_cr ? cp - 1 : cp}});
      line_start = cp + 1;
    }
    after_cr = c == '\r';
    ++cp;
  }
  // The last passage has no '\n' after it: a final '\r' is still not part of it.
  out.push_back({n, {line_start, after_cr && cp > line_start ? cp - 1 : cp}});
  return out;
}

void Registry::put(Entity entity) {
  const std::string id = entity.id;
  entities_[id] = std::move(entity);
}

const Entity* Registry::find(const std::string& id) const {
  const auto it = entities_.find(id);
  return it == entities_.end() ? nullptr : &it->second;
}

void Taxonomy::put(Theme theme) {
  const std::string id = theme.id;
  themes_[id] = std::move(theme);
}

const Theme* Taxonomy::find(const std::string& id) const {
  const auto it = themes_.find(id);
  return it == themes_.end() ? nullptr : &it->second;
}

std::vector<std::string> Taxonomy::with_ancestors(const std::string& id) const {
  std::vector<std::string> out{id};
  std::set<std::string> seen{id};
  const Theme* t = find(id);
  while (t != nullptr && !t->parent.empty() && seen.insert(t->parent).second) {
    out.push_back(t->parent);
    t = find(t->parent);
  }
  return out;
}

std::vector<std::string> Taxonomy::with_descendants(const std::string& id) const {
  std::vector<std::string> out{id};
  std::set<std::string> seen{id};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& [child_id, theme] : themes_) {
      if (theme.parent == out[i] && seen.insert(child_id).second) out.push_back(child_id);
    }
  }
  return out;
}

}  // namespace annosearch
