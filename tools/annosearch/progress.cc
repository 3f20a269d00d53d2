// Progress reporting on stderr: bar, JSON lines or nothing.
#include "tools/annosearch/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace annosearch::cli {
namespace {

constexpr int kBarWidth = 20;

double round1(double x) { return std::round(x * 10.0) / 10.0; }

// "4s", "1m05s", "2h03m".
std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%llds", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

}  // namespace

ProgressMode progress_mode(const std::string& option, bool quiet) {
  if (quiet || option == "none") return ProgressMode::kNone;
  if (option == "json") return ProgressMode::kJson;
  return ProgressMode::kAuto;
}

std::string group_thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i + 3 - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Progress::Progress(std::string task, ProgressMode mode, std::optional<std::size_t> total)
    : task_(std::move(task)),
      output_(mode == ProgressMode::kJson                            ? Output::kJson
              : mode == ProgressMode::kAuto && isatty(STDERR_FILENO) ? Output::kBar
                                                                     : Output::kNone),
      start_(Clock::now()),
      interval_(output_ == Output::kJson ? Clock::duration(std::chrono::seconds(1))
                                         : Clock::duration(std::chrono::milliseconds(100))),
      // A bar waits one interval (a rate from the first record means nothing); JSON reports the
      // first record at once, as a sign of life.
      next_draw_(output_ == Output::kBar ? interval_.count() : 0) {
  if (total) set_total(*total);
}

Progress::~Progress() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (bar_open_) std::cerr << '\n' << std::flush;
}

void Progress::add(std::size_t n) {
  done_.fetch_add(n, std::memory_order_relaxed);
  if (output_ == Output::kNone) return;
  const Clock::rep now = (Clock::now() - start_).count();
  if (now < next_draw_.load(std::memory_order_relaxed)) return;
  const std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  next_draw_.store(now + interval_.count(), std::memory_order_relaxed);
  draw(false);
}

void Progress::set_total(std::size_t total) {
  total_.store(total);
  has_total_.store(true);
}

void Progress::finish() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (output_ != Output::kNone) draw(true);
}

void Progress::message(const std::string& line) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (bar_open_) {
    std::cerr << "\r\x1b[K";
    bar_open_ = false;
    next_draw_.store(0);  // redraw on the next add()
  }
  std::cerr << line << '\n' << std::flush;
}

void Progress::draw(bool final) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  if (output_ == Output::kBar) {
    std::cerr << '\r' << bar_line(final, elapsed) << "\x1b[K";
    if (final) {
      std::cerr << '\n';
      bar_open_ = false;
    } else {
      bar_open_ = true;
    }
    std::cerr << std::flush;
  } else if (output_ == Output::kJson) {
    std::cerr << json_line(final, elapsed) << '\n' << std::flush;
  }
}

std::string Progress::bar_line(bool final, double elapsed) const {
  const std::size_t done = done_.load();
  const bool has_total = has_total_.load();
  const std::size_t total = total_.load();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  std::string line = task_ + "  " + group_thousands(done);
  if (has_total) {
    line += "/" + group_thousands(total);
    const double fraction =
        total == 0 ? 1.0 : std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    line += "  " + std::to_string(static_cast<int>(fraction * 100)) + "%  [";
    const int filled = static_cast<int>(fraction * kBarWidth);
    line += std::string(static_cast<std::size_t>(filled), '#');
    line += std::string(static_cast<std::size_t>(kBarWidth - filled), '.');
    line += "]";
  }
  line += "  " + group_thousands(static_cast<std::size_t>(std::llround(rate))) + "/s";
  if (final) {
    line += "  in " + format_duration(elapsed);
  } else if (has_total && rate > 0 && total > done && elapsed >= 0.5) {
    line += "  ETA " + format_duration(static_cast<double>(total - done) / rate);
  }
  return line;
}

std::string Progress::json_line(bool final, double elapsed) const {
  const std::size_t done = done_.load();
  const bool has_total = has_total_.load();
  const std::size_t total = total_.load();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  nlohmann::ordered_json j;
  j["task"] = task_;
  if (final) j["event"] = "done";
  j["done"] = done;
  if (has_total) j["total"] = total;
  j["rate"] = round1(rate);
  if (final) {
    j["elapsed_s"] = round1(elapsed);
  } else if (has_total) {
    j["eta_s"] = rate > 0 && total > done ? round1(static_cast<double>(total - done) / rate) : 0.0;
  }
  return j.dump();
}

}  // namespace annosearch::cli
