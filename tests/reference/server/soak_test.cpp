// A bounded soak of `wirecheck serve` as its own process: about 100k requests over many
// connections, about 1,000 of them open at once, while slowloris clients trickle request
// heads that never finish. Asserts that every request got a correct answer, that every
// slowloris connection was cut off by the server, that the server's memory stayed bounded
// after warm-up, and that it exits cleanly on SIGTERM (under ASan that includes no leaks).
// WIRECHECK_SOAK_REQUESTS and WIRECHECK_SOAK_CONNECTIONS override the sizes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "reference/http/parser.h"
#include "tests/reference/server/child_process.h"

namespace wirecheck::server::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

size_t env_size(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? static_cast<size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

void raise_fd_limit(rlim_t want) {
  rlimit l{};
  if (::getrlimit(RLIMIT_NOFILE, &l) != 0) return;
  if (l.rlim_cur >= want) return;
  l.rlim_cur = std::min(want, l.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &l);
}

// What one response turned out to be.
struct Check final : http::Handler {
  int status = 0;
  size_t body = 0;
  bool pattern_ok = true;
  std::string echo_body;
  bool complete = false;
  bool want_pattern = true;
  void on_status_line(int, int, int s, std::string_view) override { status = s; }
  void on_body(std::string_view data) override {
    if (want_pattern) {
      for (size_t i = 0; i < data.size(); ++i) {
        if (data[i] != static_cast<char>('a' + (body + i) % 26)) pattern_ok = false;
      }
    } else {
      echo_body.append(data);
    }
    body += data.size();
  }
  void on_message_complete() override { complete = true; }
};

struct Conn {
  int fd = -1;
  bool slow = false;
  bool connecting = true;
  std::string out;
  size_t out_pos = 0;
  std::string in;
  std::unique_ptr<Check> check;
  std::unique_ptr<http::Parser> parser;
  size_t expect_body = 0;
  std::string expect_echo;
  bool close_after = false;
  bool awaiting = false;
  size_t on_this = 0;
  Clock::time_point opened;
  Clock::time_point next_trickle;
  size_t trickled = 0;
};

class Load {
 public:
  Load(uint16_t port, size_t target, size_t concurrent, size_t slow)
      : port_(port), target_(target), concurrent_(concurrent), slow_(slow) {
    ep_ = ::epoll_create1(EPOLL_CLOEXEC);
  }
  ~Load() {
    for (auto& [fd, c] : conns_) ::close(fd);
    ::close(ep_);
  }

  // Runs until `target` responses were checked or `limit` passes.
  void run(Clock::duration limit, const std::function<void(size_t done)>& sample) {
    auto until = Clock::now() + limit;
    for (size_t i = 0; i < concurrent_; ++i) open(false);
    for (size_t i = 0; i < slow_; ++i) open(true);
    std::vector<epoll_event> events(512);
    auto next_sample = Clock::now();
    while (done_ < target_ && Clock::now() < until) {
      int n = ::epoll_wait(ep_, events.data(), static_cast<int>(events.size()), 20);
      for (int i = 0; i < n; ++i) {
        int fd = events[static_cast<size_t>(i)].data.fd;
        auto it = conns_.find(fd);
        if (it == conns_.end()) continue;
        step(*it->second, events[static_cast<size_t>(i)].events);
      }
      trickle();
      reap();
      if (Clock::now() >= next_sample) {
        sample(done_);
        next_sample = Clock::now() + 500ms;
      }
    }
  }

  size_t done() const { return done_; }
  size_t errors() const { return errors_; }
  size_t connections() const { return opened_; }
  size_t slow_closed() const { return slow_closed_; }
  Clock::duration longest_slow() const { return longest_slow_; }
  const std::vector<std::string>& first_errors() const { return first_errors_; }

 private:
  void error(const std::string& what) {
    ++errors_;
    if (first_errors_.size() < 10) first_errors_.push_back(what);
  }

  void open(bool slow) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      error("socket: " + std::string(std::strerror(errno)));
      return;
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port_);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    if (rc != 0 && errno != EINPROGRESS) {
      error("connect: " + std::string(std::strerror(errno)));
      ::close(fd);
      return;
    }
    auto c = std::make_unique<Conn>();
    c->fd = fd;
    c->slow = slow;
    c->opened = Clock::now();
    c->next_trickle = c->opened;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.fd = fd;
    ::epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
    conns_[fd] = std::move(c);
    ++opened_;
  }

  void next_request(Conn& c) {
    size_t i = issued_++;
    c.check = std::make_unique<Check>();
    c.close_after = ++c.on_this % 10 == 0;
    std::string conn_field = c.close_after ? "Connection: close\r\n" : "";
    if (i % 7 == 0) {
      c.expect_echo = "soak-" + std::to_string(i);
      c.check->want_pattern = false;
      c.out = "POST /echo HTTP/1.1\r\nHost: soak\r\n" + conn_field +
              "Content-Length: " + std::to_string(c.expect_echo.size()) + "\r\n\r\n" +
              c.expect_echo;
      c.expect_body = SIZE_MAX;
    } else if (i % 5 == 0) {
      c.out = "GET /chunked?size=50&count=4 HTTP/1.1\r\nHost: soak\r\n" + conn_field + "\r\n";
      c.expect_body = 200;
    } else {
      c.expect_body = (i * 37) % 1500;
      c.out = "GET /bytes/" + std::to_string(c.expect_body) + " HTTP/1.1\r\nHost: soak\r\n" +
              conn_field + "\r\n";
    }
    c.out_pos = 0;
    c.parser = std::make_unique<http::Parser>(http::MessageKind::response, *c.check);
    c.awaiting = true;
  }

  void flush(Conn& c) {
    while (c.out_pos < c.out.size()) {
      ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_pos += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
      if (!c.slow) error("send: " + std::string(std::strerror(errno)));
      finish(c);
      return;
    }
  }

  void step(Conn& c, uint32_t events) {
    if (c.connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        error("connect: " + std::string(std::strerror(err)));
        finish(c);
        return;
      }
      c.connecting = false;
      if (!c.slow) {
        if (issued_ >= target_) {
          finish(c);
          return;
        }
        next_request(c);
        flush(c);
      }
    }
    if (!c.connecting && !c.slow) flush(c);
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) read(c);
  }

  void read(Conn& c) {
    char buf[16384];
    for (;;) {
      ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        if (c.slow) continue;  // the 408 a slowloris gets
        c.in.append(buf, static_cast<size_t>(n));
        if (!consume(c)) return;
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
      // End of stream (or reset).
      if (c.slow) {
        ++slow_closed_;
        longest_slow_ = std::max(longest_slow_, Clock::now() - c.opened);
      } else if (c.awaiting) {
        error("connection closed with a response outstanding (" + std::to_string(c.in.size()) +
              " bytes buffered)");
      }
      finish(c);
      return;
    }
  }

  // Feeds the parser; returns false when the connection was finished.
  bool consume(Conn& c) {
    while (!c.in.empty() && c.awaiting) {
      auto r = c.parser->feed(c.in);
      c.in.erase(0, r.consumed);
      if (r.status == http::Status::error) {
        error("bad response: " + http::describe(c.parser->error()));
        finish(c);
        return false;
      }
      if (r.status != http::Status::message_complete) break;
      Check& k = *c.check;
      bool ok = k.status == 200 &&
                (c.expect_body == SIZE_MAX
                     ? k.echo_body.find("\"" + c.expect_echo + "\"") != std::string::npos
                     : k.body == c.expect_body && k.pattern_ok);
      if (!ok) error("wrong response: status " + std::to_string(k.status));
      ++done_;
      c.awaiting = false;
      if (c.close_after) return true;  // the server closes; read() sees the end
      if (issued_ < target_) {
        next_request(c);
        flush(c);
      }
    }
    return true;
  }

  void finish(Conn& c) { dead_.push_back(c.fd); }

  void reap() {
    for (int fd : dead_) {
      auto it = conns_.find(fd);
      if (it == conns_.end()) continue;
      bool slow = it->second->slow;
      ::close(fd);
      conns_.erase(it);
      if (done_ < target_) {
        if (slow) open(true);
        else if (issued_ < target_) open(false);
      }
    }
    dead_.clear();
  }

  void trickle() {
    static const std::string head = "GET / HTTP/1.1\r\nHost: soak\r\nX-Slow: ";
    auto now = Clock::now();
    for (auto& [fd, c] : conns_) {
      if (!c->slow || c->connecting || now < c->next_trickle) continue;
      char ch = c->trickled < head.size() ? head[c->trickled] : 'z';
      ++c->trickled;
      if (::send(fd, &ch, 1, MSG_NOSIGNAL) < 0 && errno != EAGAIN) finish(*c);
      c->next_trickle = now + 200ms;
    }
  }

  uint16_t port_;
  size_t target_;
  size_t concurrent_;
  size_t slow_;
  int ep_;
  std::unordered_map<int, std::unique_ptr<Conn>> conns_;
  std::vector<int> dead_;
  size_t issued_ = 0;
  size_t done_ = 0;
  size_t errors_ = 0;
  size_t opened_ = 0;
  size_t slow_closed_ = 0;
  Clock::duration longest_slow_{};
  std::vector<std::string> first_errors_;
};

TEST(Soak, ManyConnectionsManyRequestsSlowlorisAndBoundedMemory) {
  const size_t requests = env_size("WIRECHECK_SOAK_REQUESTS", 100'000);
  const size_t concurrent = env_size("WIRECHECK_SOAK_CONNECTIONS", 1000);
  const size_t slow = 20;
  raise_fd_limit(concurrent * 2 + 512);

  std::string asan = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
  // A small quarantine keeps ASan's own bookkeeping from passing for a leak in the RSS check.
  asan += std::string(asan.empty() ? "" : ":") + "quarantine_size_mb=16";
  ChildProcess serve({WIRECHECK_BINARY, "serve", "--listen", "127.0.0.1:0", "--workers", "2",
                      "--header-timeout", "1s", "--idle-timeout", "20s", "--max-connections",
                      "5000"},
                     {"ASAN_OPTIONS=" + asan});
  auto banner = serve.wait_for_line("listening on", 30s);
  ASSERT_TRUE(banner) << serve.err();
  uint16_t port = port_from_banner(*banner);
  ASSERT_NE(port, 0u);

  long warm_rss = 0;
  long late_peak = 0;
  long peak = 0;
  Load load(port, requests, concurrent, slow);
  load.run(110s, [&](size_t done) {
    long rss = serve.rss_kib();
    peak = std::max(peak, rss);
    if (warm_rss == 0 && done >= requests / 4) warm_rss = rss;
    if (done >= requests / 2) late_peak = std::max(late_peak, rss);
  });

  std::string errors;
  for (const auto& e : load.first_errors()) errors += "\n  " + e;
  EXPECT_EQ(load.done(), requests) << "not every request was answered in time";
  EXPECT_EQ(load.errors(), 0u) << errors;
  EXPECT_GE(load.connections(), requests / 10) << "too few connections were opened";
  EXPECT_GE(load.slow_closed(), slow) << "slowloris connections were not cut off";
  EXPECT_LT(load.longest_slow(), 20s) << "a slowloris connection was held too long";
  // Memory: after warm-up (all connections open, every path taken) it may not keep growing.
  ASSERT_GT(warm_rss, 0);
  EXPECT_LE(late_peak, warm_rss + 64 * 1024)
      << "RSS grew from " << warm_rss << " KiB after warm-up to " << late_peak << " KiB";
  std::printf("soak: %zu requests, %zu connections, %zu slowloris cut off (longest %.1f s), "
              "server RSS warm %ld KiB, late peak %ld KiB, peak %ld KiB\n",
              load.done(), load.connections(), load.slow_closed(),
              std::chrono::duration<double>(load.longest_slow()).count(), warm_rss, late_peak,
              peak);

  serve.signal(SIGTERM);
  auto status = serve.wait(60s);
  ASSERT_TRUE(status) << "the server did not stop after SIGTERM";
  EXPECT_EQ(*status, 0) << serve.err().substr(0, 4000);
  EXPECT_NE(serve.out().find(" 0 rejected"), std::string::npos) << serve.out();
}

}  // namespace
}  // namespace wirecheck::server::testing
