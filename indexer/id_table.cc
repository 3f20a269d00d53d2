#include "indexer/id_table.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace annosearch {

namespace {

// A record: the line (8 bytes), the file (4), the id's length (4), then its bytes; unaligned,
// read and written with memcpy.
constexpr std::size_t kLine = 0;
constexpr std::size_t kFile = 8;
constexpr std::size_t kLength = 12;
constexpr std::size_t kHeader = 16;
// Records are written into blocks of this size.
constexpr std::size_t kBlock = std::size_t{1} << 20;

std::string_view id_of(const char* record) {
  std::uint32_t length = 0;
  std::memcpy(&length, record + kLength, sizeof length);
  return {record + kHeader, length};
}

std::size_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

std::optional<IdTable::Where> IdTable::insert(std::string_view id, Where where) {
  // At most 7 in 10 slots are full, so a probe ends soon at an empty one.
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_of(id) & mask;; i = (i + 1) & mask) {
    const char* record = slots_[i];
    if (record == nullptr) {
      slots_[i] = store(id, where);
      ++size_;
      return std::nullopt;
    }
    if (id_of(record) == id) {
      Where first;
      std::memcpy(&first.line, record + kLine, sizeof first.line);
      std::memcpy(&first.file, record + kFile, sizeof first.file);
      return first;
    }
  }
}

const char* IdTable::store(std::string_view id, Where where) {
  const std::size_t need = kHeader + id.size();
  if (block_size_ - used_ < need) {
    // A new block; an id longer than a block gets a block of its own size. The rest of the last
    // block is left unused (at most one record's worth).
    block_size_ = std::max(kBlock, need);
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    used_ = 0;
  }
  char* record = blocks_.back().get() + used_;
  const auto length = static_cast<std::uint32_t>(id.size());
  std::memcpy(record + kLine, &where.line, sizeof where.line);
  std::memcpy(record + kFile, &where.file, sizeof where.file);
  std::memcpy(record + kLength, &length, sizeof length);
  std::memcpy(record + kHeader, id.data(), id.size());
  used_ += need;
  return record;
}

void IdTable::grow() {
  std::vector<const char*> old(slots_.empty() ? 1024 : slots_.size() * 2, nullptr);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const char* record : old) {
    if (record == nullptr) continue;
    std::size_t i = hash_of(id_of(record)) & mask;
    while (slots_[i] != nullptr) i = (i + 1) & mask;
    slots_[i] = record;
  }
}

}  // namespace annosearch
