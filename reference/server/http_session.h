#pragma once
// One HTTP/1.1 connection: feeds the reference parser (re-presenting unconsumed bytes, one
// message at a time so pipelined requests are answered in order), answers through the routes,
// and applies the server's strictness: parser errors get their status (400, 413, 414, 431,
// 501, 505) and a close; Expect is honoured; HTTP/1.0 gets no chunked coding and keep-alive
// only when it asks.
#include <memory>
#include <string>

#include "reference/http/parser.h"
#include "reference/server/defective_framing.h"
#include "reference/server/exchange.h"
#include "reference/server/routes.h"
#include "reference/server/session.h"

namespace wirecheck::server {

http::Options parser_options(const ServerConfig& config);

class HttpSession final : public Session, private http::Handler {
 public:
  // `over_limit`: the server is full; answer 503 and close.
  HttpSession(Worker& worker, net::UniqueFd fd, net::Address peer, uint64_t id, bool over_limit);
  ~HttpSession() override;

  void start() override;
  void handle_timer() override;
  void drain() override;

 private:
  bool process() override;
  bool paused() const override;
  bool refill() override;
  bool busy() const override { return awaiting_timer_ || stream_ != nullptr; }
  bool in_flight() const override;
  Clock::time_point own_deadline() const override;
  void on_own_deadline() override;
  void on_closed(std::string_view why) override;

  void on_message_begin(uint64_t offset) override;
  void on_request_line(std::string_view method, std::string_view target, int major,
                       int minor) override;
  void on_field(std::string_view name, std::string_view value) override;
  void on_field_continuation(std::string_view more) override;
  void on_headers_complete(const http::Head& head) override;
  void on_body(std::string_view data) override;
  void on_trailer(std::string_view name, std::string_view value) override;

  void respond();
  void reject(int status, std::string_view detail);
  void fail(const http::Error& error);
  void write_reply();
  bool decide_keep_alive() const;
  void response_complete();
  void reset_request();

  http::Parser parser_;
  std::unique_ptr<DefectiveFraming> framing_;  // FOR TESTING ONLY: framing defects
  size_t framed_input_ = 0;  // bytes of input() already given to framing_
  RequestInfo req_;
  Reply reply_;
  Route route_ = Route::missing;
  http::Head head_;
  std::unique_ptr<BodySource> stream_;

  bool over_limit_;
  bool receiving_ = false;       // bytes of a request have arrived, its response not yet begun
  bool head_done_ = false;
  bool awaiting_timer_ = false;  // /delay: the reply waits for its timer
  bool recording_ = false;       // /reflect: keep the raw bytes
  bool keep_fields_ = false;
  bool keep_body_ = false;
  bool expect_unknown_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  // FOR TESTING ONLY: what some defects (defects.h) look at.
  bool expect_continue_field_ = false;  // "Expect: 100-continue", whatever the version
  bool connection_upgrade_ = false;     // "Connection: upgrade" or an Upgrade field
  bool if_none_match_ = false;          // If-None-Match or If-Modified-Since
  bool if_match_ = false;               // If-Match or If-Unmodified-Since
  bool host_seen_ = false;              // a Host field (host-required-http10)
  bool keep_alive_ = true;       // decided for the response being written
  int reject_status_ = 0;        // decided from the head: 505, 417
  std::string reject_detail_;
  uint64_t message_offset_ = 0;
  uint64_t served_ = 0;
  uint64_t response_bytes_ = 0;  // body bytes declared, for the access log
  Clock::time_point accepted_;
  Clock::time_point head_started_;
  Clock::time_point last_read_;
  Clock::time_point last_done_;
};

}  // namespace wirecheck::server
