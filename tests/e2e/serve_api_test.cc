// `annosearch serve` end to end: a real server on 127.0.0.1 (a free port it picks and prints),
// real HTTP requests (httplib's client, and raw sockets where a client would tidy the path).
// Every endpoint's JSON is compared with the command's own --format json for the same arguments;
// every limit and error has its status and JSON; traversal attempts never reach a file; a
// republish during a request loop fails no request.
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <regex>
#include <set>
#include <signal.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using annosearch::test::read_file;
using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;
using nlohmann::json;

// The seed corpus built once into a temporary index shared by the tests that do not change it.
const std::string& seed_index() {
  static const TempDir dir;
  static const std::string index = [] {
    const std::string path = dir.str("index");
    const auto r = run_annosearch({"build", "--index", path, "--quiet", source_path("corpus")});
    if (r.exit_code != 0) throw std::runtime_error("cannot build the seed index: " + r.err);
    return path;
  }();
  return index;
}

// A running `annosearch serve`, stopped with SIGTERM (and checked to exit 0) at the end.
class Server {
 public:
  explicit Server(const std::string& index, const std::vector<std::string>& extra = {}) {
    log_path_ = log_dir_.str("serve.log");
    std::vector<std::string> argv{
        annosearch::test::annosearch_bin(), "serve", "--index", index, "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    pid_ = annosearch::test::spawn_background(argv, log_path_);
    const std::regex listening(R"(on http://127\.0\.0\.1:([0-9]+)/)");
    for (int i = 0; i < 200 && port_ == 0; ++i) {
      std::smatch m;
      const std::string log = read_file(log_path_);
      if (std::regex_search(log, m, listening)) port_ = std::stoi(m[1]);
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (port_ == 0) {
      ::kill(pid_, SIGKILL);
      annosearch::test::wait_for(pid_);
      throw std::runtime_error("the server did not start: " + read_file(log_path_));
    }
  }
  ~Server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      annosearch::test::wait_for(pid_);
    }
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Stops the server and returns its exit code.
  int stop() {
    ::kill(pid_, SIGTERM);
    const int rc = annosearch::test::wait_for(pid_);
    pid_ = -1;
    return rc;
  }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string log() const { return read_file(log_path_); }

  // A GET through httplib's client; fails the test when there is no response at all.
  [[nodiscard]] httplib::Result get(const std::string& target) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30);
    auto res = client.Get(target.c_str());
    INFO(target);
    REQUIRE(res);
    return res;
  }

 private:
  TempDir log_dir_;
  std::string log_path_;
  int pid_ = -1;
  int port_ = 0;
};

// Sends `raw` as it is on a new connection and returns everything the server answers.
std::string raw_request(int port, const std::string& raw) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    REQUIRE(n > 0);
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

int status_of(const std::string& response) {
  // "HTTP/1.1 404 Not Found"
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return -1;
  return std::stoi(response.substr(9, 3));
}

json cli_json(std::vector<std::string> args) {
  args.insert(args.begin() + 1, {"--index", seed_index(), "--format", "json"});
  const auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

void require_error(const httplib::Result& res, int status, const std::string& code) {
  INFO(res->body);
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  const json j = json::parse(res->body);
  REQUIRE(j.contains("error"));
  CHECK(j["error"]["code"] == code);
  CHECK(j["error"]["message"].is_string());
  CHECK(!j["error"]["message"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("serve: every endpoint answers with the command's --format json", "[serve]") {
  Server server(seed_index());
  const std::string doc = "cabar-2021-12-tajikistan-taliban";
  // path -> the same request as a command line
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {"/api/search?q=refugees", {"search", "refugees"}},
      {"/api/search?q=Taliban&level=passage&limit=3&offset=2&facets=actor,theme,date",
       {"search", "Taliban", "--level", "passage", "--limit", "3", "--offset", "2", "--facets",
        "actor,theme,date"}},
      {"/api/search?actor=Rakhmon&actor=Afghanistan&level=passage&facet-size=3",
       {"search", "--actor", "Rakhmon", "--actor", "Afghanistan", "--level", "passage",
        "--facet-size", "3"}},
      {"/api/search?q=-Taliban%20refugees&sort=date&match=any",
       {"search", "--sort", "date", "--match", "any", "--", "-Taliban refugees"}},
      {"/api/search?actor-any=Rahmon&actor-any=Macron&level=passage&expand=true&limit=0",
       {"search", "--actor-any", "Rahmon", "--actor-any", "Macron", "--level", "passage",
        "--expand", "--limit", "0"}},
      {"/api/facets?q=border&facets=actor,theme&facet_size=2&level=passage",
       {"facets", "border", "--facets", "actor,theme", "--facet-size", "2", "--level", "passage"}},
      {"/api/entities?q=Rakh", {"entities", "Rakh"}},
      {"/api/entities?q=%D0%A0%D0%B0%D1%85%D0%BC%D0%BE%D0%BD", {"entities", "Рахмон"}},
      {"/api/entities?type=GPE&limit=5", {"entities", "--type", "GPE", "--limit", "5"}},
      {"/api/kwic?q=Rahmon&width=20&sort=left",
       {"kwic", "Rahmon", "--width", "20", "--sort", "left"}},
      {"/api/timeline?q=Taliban&level=passage&by=day",
       {"timeline", "Taliban", "--level", "passage", "--by", "day"}},
      {"/api/cooccur?q=Rahmon&limit=3", {"cooccur", "Rahmon", "--limit", "3"}},
      {"/api/cooccur?q=Rahmon&query=border&level=article",
       {"cooccur", "Rahmon", "border", "--level", "article"}},
      {"/api/compare?q=Rahmon&q=Taliban&top=2&by=year",
       {"compare", "Rahmon", "Taliban", "--top", "2", "--by", "year"}},
      {"/api/show/" + doc, {"show", doc}},
      {"/api/show/" + doc + "?passage=3&context=1", {"show", doc + "#3", "--context", "1"}},
      {"/api/show/" + doc + "%233", {"show", doc + "#3"}},
  };
  for (const auto& [path, args] : cases) {
    INFO(path);
    const auto res = server.get(path);
    INFO(res->body);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(json::parse(res->body) == cli_json(args));
  }
  // stats: the same but for the size on disk, which the CLI reads at another moment (equal here,
  // as nothing writes the index).
  const auto stats = server.get("/api/stats");
  CHECK(stats->status == 200);
  CHECK(json::parse(stats->body) == cli_json({"stats"}));
  CHECK(json::parse(stats->body)["documents"] == 1);  // the seed corpus holds one article
}

TEST_CASE("serve: export streams the command's JSON Lines and CSV", "[serve]") {
  Server server(seed_index());
  // exported_at is the moment of the export: the one line that may differ.
  const auto without_time = [](const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::string out;
    while (std::getline(in, line)) {
      if (line.rfind("# exported_at:", 0) == 0) continue;
      if (line.rfind("{\"annosearch_export\"", 0) == 0) {
        json j = json::parse(line);
        j["annosearch_export"].erase("exported_at");
        line = j.dump();
      }
      out += line + '\n';
    }
    return out;
  };
  for (const std::string format : {"jsonl", "csv"}) {
    INFO(format);
    const auto res = server.get("/api/export?q=refugees&level=passage&format=" + format);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Transfer-Encoding") == "chunked");
    CHECK(res->get_header_value("Content-Type") ==
          (format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"));
    const auto cli = run_annosearch(
        {"export", "--index", seed_index(), "--level", "passage", "--format", format, "refugees"});
    REQUIRE(cli.exit_code == 0);
    CHECK(without_time(res->body) == without_time(cli.out));
  }
  // The default is JSON Lines; every match, no limit (54 passages in the seed article).
  const auto all = server.get("/api/export?level=passage");
  CHECK(all->status == 200);
  std::size_t lines = 0;
  for (const char c : all->body) lines += c == '\n' ? 1 : 0;
  CHECK(lines == 1 + 54);
  // A bad export gets its status before anything is streamed.
  require_error(server.get("/api/export?actor=Nobody-at-all"), 422, "unknown_actor");
  require_error(server.get("/api/export?format=xml"), 400, "usage");
}

TEST_CASE("serve: errors are JSON with the status of their kind", "[serve]") {
  Server server(seed_index());
  require_error(server.get("/api/search?level=chapter"), 400, "usage");
  require_error(server.get("/api/search?bogus=1"), 400, "usage");
  require_error(server.get("/api/search?q=%22unclosed"), 400, "usage");
  require_error(server.get("/api/search?index=/etc"), 400, "usage");
  require_error(server.get("/api/search?help=1"), 400, "usage");
  require_error(server.get("/api/search?format=csv"), 400, "usage");
  require_error(server.get("/api/search?from=2021-13"), 400, "usage");
  require_error(server.get("/api/compare?q=Rahmon"), 400, "usage");
  require_error(server.get("/api/kwic"), 400, "usage");
  require_error(server.get("/api/nothing"), 404, "not_found");
  require_error(server.get("/nothing.html"), 404, "not_found");
  require_error(server.get("/api/show/no-such-document"), 404, "unknown_document");
  require_error(server.get("/api/show/cabar-2021-12-tajikistan-taliban?passage=999"), 404,
                "unknown_passage");

  // An unknown actor: 422 with the closest names (Rahmon's Cyrillic alias, misspelt).
  const auto unknown = server.get("/api/search?actor=Rakhmonn");
  require_error(unknown, 422, "unknown_actor");
  const json closest = json::parse(unknown->body)["error"]["closest"];
  REQUIRE(closest.is_array());
  std::set<std::string> ids;
  for (const auto& c : closest) ids.insert(c["id"].get<std::string>());
  CHECK(ids.count("emomali-rahmon") == 1);
  // The CLI says the same thing in its message, and exits 2.
  const auto cli = run_annosearch({"search", "--index", seed_index(), "--actor", "Rakhmonn"});
  CHECK(cli.exit_code == 2);
  CHECK(cli.err.find(json::parse(unknown->body)["error"]["message"].get<std::string>()) !=
        std::string::npos);
  require_error(server.get("/api/search?theme=no-such-theme"), 422, "unknown_theme");

  // Read-only: any other method is refused.
  httplib::Client client("127.0.0.1", server.port());
  for (const auto& res : {client.Post("/api/search"), client.Put("/api/search", "", "text/plain"),
                          client.Delete("/api/stats")}) {
    REQUIRE(res);
    require_error(res, 405, "method_not_allowed");
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
  }
  // An index that disappears under the server: 503, and the server goes on.
}

TEST_CASE("serve: an index that is gone is a 503, and served again once rebuilt", "[serve]") {
  TempDir dir;
  const std::string index = dir.str("index");
  REQUIRE(run_annosearch({"build", "--index", index, "--quiet", source_path("corpus")}).exit_code ==
          0);
  Server server(index);
  CHECK(server.get("/api/stats")->status == 200);
  fs::remove_all(index);
  require_error(server.get("/api/search?q=refugees"), 503, "index_unavailable");
  REQUIRE(run_annosearch({"build", "--index", index, "--quiet", source_path("corpus")}).exit_code ==
          0);
  CHECK(server.get("/api/search?q=refugees")->status == 200);
  CHECK(server.stop() == 0);
}

TEST_CASE("serve: a port in use is refused at start with exit 2", "[serve]") {
  Server first(seed_index());
  const auto r = run_annosearch(
      {"serve", "--index", seed_index(), "--port", std::to_string(first.port()), "--quiet"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())) !=
        std::string::npos);
  CHECK(first.get("/api/stats")->status == 200);
}

TEST_CASE("serve: a missing index is refused at start with exit 3", "[serve]") {
  TempDir dir;
  const auto r = run_annosearch({"serve", "--index", dir.str("none"), "--port", "0"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(dir.str("none")) != std::string::npos);
}

TEST_CASE("serve: limits refuse with their status", "[serve]") {
  SECTION("query length, page size, URL length") {
    Server server(seed_index(), {"--max-query-length", "100", "--max-limit", "50"});
    require_error(server.get("/api/search?q=" + std::string(101, 'a')), 413, "query_too_long");
    CHECK(server.get("/api/search?q=" + std::string(100, 'a'))->status == 200);
    require_error(server.get("/api/search?limit=51"), 400, "limit_too_large");
    require_error(server.get("/api/search?limit=all"), 400, "limit_too_large");
    require_error(server.get("/api/cooccur?q=Rahmon&limit=51"), 400, "limit_too_large");
    require_error(server.get("/api/cooccur?q=Rahmon&limit=0"), 400, "limit_too_large");  // 0: all
    require_error(server.get("/api/entities?limit=0"), 400, "limit_too_large");
    require_error(server.get("/api/facets?facet-size=0"), 400, "limit_too_large");
    require_error(server.get("/api/facets?facet-size=51"), 400, "limit_too_large");
    CHECK(server.get("/api/facets?facet-size=50")->status == 200);
    CHECK(server.get("/api/search?limit=0")->status == 200);  // 0 hits, facets only
    CHECK(server.get("/api/search?limit=50")->status == 200);
    const auto too_long = server.get("/api/search?" + std::string(8100, 'a') + "=1");
    CHECK(too_long->status == 414);
    CHECK(json::parse(too_long->body)["error"]["code"] == "url_too_long");
  }
  SECTION("time per request") {
    Server server(seed_index(), {"--timeout", "0.000001"});
    const auto res = server.get("/api/search?q=refugees");
    require_error(res, 503, "timeout");
  }
  SECTION("concurrent requests") {
    // One worker, no waiting room: a connection that sends nothing holds the worker; the next
    // request is refused at once with 503 and Retry-After, not queued.
    Server server(seed_index(), {"--threads", "1", "--max-pending", "0"});
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto busy = server.get("/api/stats");
    require_error(busy, 503, "busy");
    CHECK(busy->get_header_value("Retry-After") == "1");
    ::close(fd);
    // Once the idle connection is gone, requests are served again.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(server.get("/api/stats")->status == 200);
  }
}

TEST_CASE("serve: static files come from the embedded assets only", "[serve]") {
  Server server(seed_index());
  // Every file of tools/web/static/ is served as it is, with its type; / is index.html.
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source_path("tools/web/static"))) {
    if (!entry.is_regular_file()) continue;
    const std::string name =
        fs::relative(entry.path(), source_path("tools/web/static")).generic_string();
    if (name[0] == '.' || name.back() == '~') continue;
    ++files;
    INFO(name);
    const auto res = server.get("/static/" + name);
    CHECK(res->status == 200);
    CHECK(res->body == read_file(entry.path().string()));
    const std::string ext = entry.path().extension().string();
    const std::string type = res->get_header_value("Content-Type");
    if (ext == ".html") CHECK(type == "text/html; charset=utf-8");
    if (ext == ".js") CHECK(type == "text/javascript; charset=utf-8");
    if (ext == ".css") CHECK(type == "text/css; charset=utf-8");
  }
  CHECK(files >= 1);
  const auto index = server.get("/");
  CHECK(index->status == 200);
  CHECK(index->body == read_file(source_path("tools/web/static/index.html")));
  CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");

  // Traversal attempts, sent raw (a client would tidy the path): never a file, never a 200.
  for (const std::string target :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/static//etc/passwd", "/static/",
        "/static/./index.html", "/api/../static/../../etc/passwd", "//etc/passwd",
        "/static/index.html%00.css", "/static/..\\..\\etc\\passwd"}) {
    INFO(target);
    const std::string response = raw_request(server.port(), "GET " + target +
                                                                " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                                "Connection: close\r\n\r\n");
    const int status = status_of(response);
    CHECK((status == 404 || status == 400));
    CHECK(response.find("root:") == std::string::npos);
  }
}

TEST_CASE("serve: an access log line per request, none with --quiet", "[serve]") {
  {
    Server server(seed_index());
    CHECK(server.get("/api/stats")->status == 200);
    CHECK(server.get("/api/nothing")->status == 404);
    CHECK(server.stop() == 0);
    const std::string log = server.log();
    CHECK(std::regex_search(log, std::regex(R"(\nGET /api/stats 200 [0-9]+\.[0-9]ms\n)")));
    CHECK(std::regex_search(log, std::regex(R"(\nGET /api/nothing 404 [0-9]+\.[0-9]ms\n)")));
  }
  {
    Server server(seed_index(), {"--quiet"});
    CHECK(server.get("/api/stats")->status == 200);
    CHECK(server.stop() == 0);
    CHECK(server.log().find("GET /api/stats") == std::string::npos);
  }
}

TEST_CASE("serve: a republish is picked up without a failed request", "[serve]") {
  TempDir dir;
  const std::string index = dir.str("index");
  REQUIRE(run_annosearch({"build", "--index", index, "--quiet", source_path("corpus")}).exit_code ==
          0);
  Server server(index, {"--threads", "4", "--quiet"});
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> clients;
  const std::vector<std::string> paths{"/api/search?q=refugees&facets=actor,theme,date",
                                       "/api/kwic?q=Rahmon", "/api/stats",
                                       "/api/timeline?q=Taliban&level=passage"};
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", server.port());
      // A bounded loop: at most 2,000 requests per client, stopped when the rebuilds are done.
      for (int i = 0; i < 2000 && !stop; ++i) {
        const std::string& path = paths[static_cast<std::size_t>(i + t) % paths.size()];
        auto res = client.Get(path.c_str());
        if (res && res->status == 200) {
          ++ok;
        } else {
          ++failed;
          std::lock_guard lock(failures_mutex);
          failures.push_back(path + ": " +
                             (res ? std::to_string(res->status) + " " + res->body
                                  : httplib::to_string(res.error())));
        }
      }
    });
  }
  // Three republishes while the clients run: gen-000002 .. gen-000004.
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto r = run_annosearch({"build", "--index", index, "--quiet", source_path("corpus")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  stop = true;
  for (auto& c : clients) c.join();
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failed == 0);
  CHECK(ok > 0);
  // The server reads the last generation, without a restart.
  const auto stats = server.get("/api/stats");
  CHECK(json::parse(stats->body)["generation"] == "gen-000004");
  CHECK(server.stop() == 0);
}

// The request target is decoded strictly and a parameter value never becomes an option
// (tools/annosearch/serve_request.h; fuzzed by tests/fuzz/fuzz_http.cc, whose crash inputs these
// requests are).
TEST_CASE("serve: request targets are decoded strictly and values are never options", "[serve]") {
  Server server(seed_index());
  // An empty option value was `--type=`, and CLI11 then took the "--" before the query as its
  // value and read the query as an option: here --help, which answered a 400 "This should be
  // caught in your main function".
  const auto empty = server.get("/api/search?type=&q=--help");
  require_error(empty, 400, "usage");
  CHECK(json::parse(empty->body)["error"]["message"] ==
        "parameter type is empty: give it a value or leave it out");
  // A query that looks like an option, after an option that takes several values: a query.
  const auto dash = server.get("/api/search?actor=Rahmon&q=--limit%3D500");
  REQUIRE(dash->status == 200);
  CHECK(json::parse(dash->body)["query"]["text"] == "--limit=500");
  CHECK(json::parse(dash->body)["limit"] == 10);
  // A value in brackets, which CLI11 would read as a list (two targets compared): refused.
  require_error(server.get("/api/compare?q=%5BRahmon,Taliban%5D"), 400, "usage");
  // '=' inside a value is part of it (it was cut to "b").
  const auto equals = server.get("/api/search?q=a=b&limit=1");
  REQUIRE(equals->status == 200);
  CHECK(json::parse(equals->body)["query"]["text"] == "a=b");
  // Invalid percent-escapes and invalid UTF-8: 400 bad_request (they were passed on as they were).
  for (const std::string target : {"/api/search?q=a%zzb", "/api/search?q=%ff", "/api/se%rch"}) {
    INFO(target);
    const std::string response = raw_request(server.port(), "GET " + target +
                                                                " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                                "Connection: close\r\n\r\n");
    const int status = status_of(response);
    CHECK((status == 400 || status == 404));
    if (status == 400) CHECK(response.find("\"bad_request\"") != std::string::npos);
  }
  const std::string bad = raw_request(server.port(),
                                      "GET /api/search?q=a%zzb HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Connection: close\r\n\r\n");
  CHECK(status_of(bad) == 400);
  CHECK(bad.find("invalid percent-escape \\\"%zz\\\" in the value of parameter q") !=
        std::string::npos);
}
