#pragma once
// FOR TESTING ONLY. Each defect deliberately breaks one behaviour of the reference server, so the
// case library can prove that every case fails against a server with exactly that mistake.
// `wirecheck serve --defect NAME` turns one on; a production use of the server has none.
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wirecheck::server {

// X(id, "name-on-the-command-line", "what goes wrong", "RFC section it violates")
#define WIRECHECK_SERVER_DEFECTS(X)                                                                \
  X(accept_bare_lf, "accept-bare-lf", "accepts lines ending in a bare LF", "RFC 9112 §2.2")        \
  X(accept_obs_fold, "accept-obs-fold", "accepts obs-fold instead of answering 400",              \
    "RFC 9112 §5.2")                                                                               \
  X(accept_space_before_colon, "accept-space-before-colon",                                        \
    "accepts whitespace between a field name and its colon", "RFC 9112 §5.1")                      \
  X(accept_te_and_cl, "accept-te-and-cl",                                                          \
    "accepts Transfer-Encoding with Content-Length and keeps the connection open", "RFC 9112 §6.1") \
  X(no_400_on_missing_host, "no-400-on-missing-host", "answers HTTP/1.1 requests without Host",    \
    "RFC 9112 §3.2")                                                                               \
  X(no_date, "no-date", "sends no Date header", "RFC 9110 §6.6.1")                                 \
  X(ignore_connection_close, "ignore-connection-close",                                            \
    "keeps the connection open after Connection: close", "RFC 9112 §9.6")                          \
  X(http10_chunked, "http10-chunked", "sends chunked responses to HTTP/1.0 clients",               \
    "RFC 9112 §7.1")                                                                               \
  X(wrong_content_length, "wrong-content-length",                                                  \
    "declares a Content-Length one byte longer than the body of /", "RFC 9112 §6.2")               \
  X(body_on_head, "body-on-head", "sends a body in responses to HEAD", "RFC 9110 §9.3.2")          \
  X(ok_for_missing, "200-for-missing", "answers 200 instead of 404 for unknown paths",             \
    "RFC 9110 §15.5.5")                                                                            \
  X(no_100_continue, "no-100-continue", "never sends 100 Continue", "RFC 9110 §10.1.1")            \
  X(keep_alive_http10, "keep-alive-http10",                                                        \
    "keeps HTTP/1.0 connections open without Connection: keep-alive", "RFC 9112 §9.3")             \
  X(body_on_204, "body-on-204", "sends a body with 204 and 304 responses", "RFC 9110 §15.3.5")     \
  X(no_allow_on_405, "no-allow-on-405", "omits Allow from 405 responses", "RFC 9110 §15.5.6")      \
  X(close_without_response, "close-without-response",                                              \
    "closes the connection without an answer on a bad request", "RFC 9112 §2.2")                   \
  X(te_cl_use_cl, "te-cl-use-cl",                                                                  \
    "frames by Content-Length when Transfer-Encoding is also present", "RFC 9112 §6.3")            \
  X(first_content_length_wins, "first-content-length-wins",                                        \
    "takes the first of several Content-Length values", "RFC 9112 §6.3")                           \
  X(accept_bad_content_length, "accept-bad-content-length",                                        \
    "reads only the digits of Content-Length (signs, junk, overflow pass)", "RFC 9112 §6.3")       \
  X(accept_chunked_not_final, "accept-chunked-not-final",                                          \
    "reads chunked wherever it is in Transfer-Encoding, over Content-Length", "RFC 9112 §6.3")     \
  X(ignore_unknown_coding, "ignore-unknown-coding",                                                \
    "drops transfer codings it does not know instead of answering 501", "RFC 9112 §6.1")           \
  X(te_substring_chunked, "te-substring-chunked",                                                  \
    "takes any Transfer-Encoding holding 'chunked' as chunked", "RFC 9112 §6.1")                   \
  X(te_case_sensitive, "te-case-sensitive",                                                        \
    "knows only lowercase 'chunked' (and lets it beat Content-Length)", "RFC 9112 §7")             \
  X(te_no_ows_trim, "te-no-ows-trim",                                                              \
    "compares Transfer-Encoding untrimmed (chunked beats Content-Length)", "RFC 9110 §5.5")        \
  X(te_first_line_only, "te-first-line-only",                                                      \
    "reads only the first Transfer-Encoding line (chunked beats Content-Length)", "RFC 9110 §5.3") \
  X(te_last_line_only, "te-last-line-only",                                                        \
    "reads only the last Transfer-Encoding line (chunked beats Content-Length)", "RFC 9110 §5.3")  \
  X(ignore_te_in_http10, "ignore-te-in-http10",                                                    \
    "frames HTTP/1.0 requests by Content-Length, ignoring Transfer-Encoding", "RFC 9112 §6.1")     \
  X(underscore_as_dash, "underscore-as-dash",                                                      \
    "reads '_' in field names as '-' (Transfer_Encoding frames the body)", "RFC 9110 §5.1")        \
  X(lookalike_names, "lookalike-names",                                                            \
    "folds look-alike letters (ſ ı K) to ASCII in field lines", "RFC 9110 §5.1")                   \
  X(bare_cr_ends_line, "bare-cr-ends-line",                                                        \
    "ends a field line at a bare CR", "RFC 9112 §2.2")                                             \
  X(nul_truncates_value, "nul-truncates-value",                                                    \
    "ends field names and values at a NUL, as C strings do", "RFC 9110 §5.5")                      \
  X(accept_bad_chunk_size, "accept-bad-chunk-size",                                                \
    "reads chunk sizes like strtoull (spaces, signs, 0x, overflow pass)", "RFC 9112 §7.1")         \
  X(lenient_chunk_extensions, "lenient-chunk-extensions",                                          \
    "skips chunk extensions without checking their syntax or length", "RFC 9112 §7.1.1")           \
  X(chunk_data_by_line, "chunk-data-by-line",                                                      \
    "reads chunk data up to the next CRLF instead of by the chunk size", "RFC 9112 §7.1")          \
  X(trailer_frames, "trailer-frames",                                                              \
    "lets a Content-Length trailer field frame more of the body", "RFC 9110 §6.5")                 \
  X(early_chunked_end, "early-chunked-end",                                                        \
    "ends a chunked request at its last chunk, before the trailer section", "RFC 9112 §7.1.2")     \
  X(answer_before_body, "answer-before-body",                                                      \
    "answers as soon as the head arrives and reads the body afterwards", "RFC 9112 §6.3")          \
  X(date_not_imf_fixdate, "date-not-imf-fixdate",                                                  \
    "sends Date in the obsolete RFC 850 format, not IMF-fixdate", "RFC 9110 §5.6.7")               \
  X(head_drops_fields, "head-drops-fields",                                                        \
    "answers HEAD without GET's Content-Type and with Content-Length: 0", "RFC 9110 §9.3.2")       \
  X(reject_options_asterisk, "reject-options-asterisk",                                            \
    "answers 400 to OPTIONS *", "RFC 9110 §9.3.7")                                                 \
  X(no_allow_on_options, "no-allow-on-options",                                                    \
    "omits Allow from responses to OPTIONS", "RFC 9110 §9.3.7")                                    \
  X(unknown_method_as_get, "unknown-method-as-get",                                                \
    "answers methods it does not know as if they were GET", "RFC 9110 §9.1")                       \
  X(interim_to_http10, "interim-to-http10",                                                        \
    "sends 1xx responses (100 Continue too) to HTTP/1.0 clients", "RFC 9110 §15.2")                \
  X(interim_without_final, "interim-without-final",                                                \
    "sends a 1xx response, then closes without the final one", "RFC 9110 §15.2")                   \
  X(upgrade_to_unoffered, "upgrade-to-unoffered",                                                  \
    "answers any mention of upgrade with 101 to h2c, offered or not", "RFC 9110 §7.8")            \
  X(no_location_on_3xx, "no-location-on-3xx", "omits Location from redirects", "RFC 9110 §15.4.8") \
  X(expect_case_sensitive, "expect-case-sensitive",                                                \
    "knows 100-continue only in lowercase (417 to 100-Continue)", "RFC 9110 §10.1.1")              \
  X(expect_unknown_500, "expect-unknown-500",                                                      \
    "answers 500 to an expectation other than 100-continue", "RFC 9110 §10.1.1")                   \
  X(no_content_type, "no-content-type", "sends content without Content-Type", "RFC 9110 §8.3")     \
  X(close_delimited, "close-delimited",                                                            \
    "ends responses by closing, without Content-Length", "RFC 9110 §8.6")                          \
  X(preconditions_always_false, "preconditions-always-false",                                      \
    "answers 304/412 to every If-* field, even where it must be ignored", "RFC 9110 §13.2.1")      \
  X(one_client_at_a_time, "one-client-at-a-time",                                                  \
    "serves one connection at a time; the others wait", "RFC 9112 §9.3.2")                         \
  X(stop_after_bad_request, "stop-after-bad-request",                                              \
    "stops serving (closes new connections) after a malformed request", "RFC 9112 §2.2")           \
  X(stop_after_client_abort, "stop-after-client-abort",                                            \
    "stops serving after a client leaves in the middle of a request", "RFC 9112 §9.6")             \
  X(ignore_transfer_encoding, "ignore-transfer-encoding",                                          \
    "ignores Transfer-Encoding (no chunked support): the body is zero bytes", "RFC 9112 §6.1")    \
  X(lenient_parser, "lenient-parser",                                                              \
    "parses every request as leniently as it can (bare LF, NUL and CTL values, bad Host, ...)",    \
    "RFC 9112 §2.2")                                                                               \
  X(accept_any_version, "accept-any-version",                                                      \
    "answers HTTP/2.0 and other major versions as if they were HTTP/1.1 (no 505)",                 \
    "RFC 9110 §15.6.6")                                                                            \
  X(reject_http12, "reject-http12", "answers 505 to HTTP/1.2 instead of handling it as HTTP/1.1",  \
    "RFC 9110 §2.5")                                                                               \
  X(no_request_limits, "no-request-limits",                                                        \
    "sets no limit on request-line, field-line, header-section size or field count",               \
    "RFC 9110 §5.4")                                                                               \
  X(small_request_limits, "small-request-limits",                                                  \
    "limits the request line and each field line to 1 KiB and the head to 4 KiB", "RFC 9112 §3")   \
  X(absolute_form_as_path, "absolute-form-as-path",                                                \
    "looks an absolute-form target up as a path (404 instead of the resource)", "RFC 9112 §3.2.2") \
  X(connect_as_get, "connect-as-get",                                                              \
    "handles CONNECT like any other method instead of answering 501", "RFC 9110 §9.3.6")           \
  X(drop_pipelined, "drop-pipelined",                                                              \
    "answers the first request of a read and discards the requests behind it", "RFC 9112 §9.3.2") \
  X(no_keep_alive, "no-keep-alive",                                                                \
    "closes the connection after every response (saying Connection: close)", "RFC 9112 §9.3")      \
  X(silent_close, "silent-close",                                                                  \
    "closes the connection after every response without saying Connection: close",                 \
    "RFC 9112 §9.3")                                                                               \
  X(drop_on_half_close, "drop-on-half-close",                                                      \
    "closes without answering when the client has half-closed after its request", "RFC 9112 §9.6")\
  X(reply_utf8, "reply-utf8",                                                                      \
    "plain TCP: sends the reply in UTF-8 whatever encoding was configured", "tcp-reply")           \
  X(exit_on_disconnect, "exit-on-disconnect",                                                      \
    "plain TCP: stops serving (closes new connections) once a client disconnects", "tcp-reply")    \
  X(greet_on_connect, "greet-on-connect",                                                          \
    "plain TCP: sends the reply as soon as a client connects, before it says anything",            \
    "tcp-reply")                                                                                   \
  X(reply_once, "reply-once",                                                                      \
    "plain TCP: answers only the first message of each connection", "tcp-reply")                   \
  X(close_after_reply, "close-after-reply",                                                        \
    "plain TCP: closes the connection after each reply", "tcp-reply")                              \
  X(reject_non_utf8, "reject-non-utf8",                                                            \
    "plain TCP: drops the connection unanswered when a message is not valid UTF-8", "tcp-reply")   \
  X(errors_as_200, "errors-as-200",                                                                \
    "answers 200 (a catch-all page) where an error status is due", "RFC 9110 §15.5")               \
  X(impatient_first_byte, "impatient-first-byte",                                                  \
    "closes a new connection that sends nothing within 100 ms", "RFC 9112 §9.3")                   \
  X(one_read_head, "one-read-head",                                                                \
    "expects a request head in one read (400 when it arrives in pieces)", "RFC 9112 §2.2")         \
  X(reject_leading_crlf, "reject-leading-crlf",                                                    \
    "answers 400 to an empty line before the request line", "RFC 9112 §2.2")                       \
  X(mirror_version, "mirror-version",                                                              \
    "answers HTTP/1.0 requests with an HTTP/1.0 status line", "RFC 9110 §2.5")                     \
  X(keep_open_after_error, "keep-open-after-error",                                                \
    "keeps the connection open after answering a malformed request", "RFC 9112 §2.2")              \
  X(reject_obs_text, "reject-obs-text",                                                            \
    "answers 400 to field values with octets above 0x7F (obs-text)", "RFC 9110 §5.5")              \
  X(no_ows_trim, "no-ows-trim",                                                                    \
    "keeps the whitespace around field values (shown by /echo)", "RFC 9110 §5.5")                  \
  X(host_required_http10, "host-required-http10",                                                  \
    "answers 400 to HTTP/1.0 requests without Host", "RFC 9112 §3.2")

enum class Defect : uint8_t {
#define WIRECHECK_SERVER_DEFECT_ENUM(id, name, what, section) id,
  WIRECHECK_SERVER_DEFECTS(WIRECHECK_SERVER_DEFECT_ENUM)
#undef WIRECHECK_SERVER_DEFECT_ENUM
      count_
};

struct DefectInfo {
  Defect defect;
  std::string_view name;
  std::string_view what;
  std::string_view section;
};

// Every defect, in table order.
const std::vector<DefectInfo>& all_defects();
const DefectInfo& info(Defect defect);
// By its command-line name; false when there is none.
bool parse_defect(std::string_view name, Defect& out);

class DefectSet {
 public:
  void add(Defect d) { bits_.set(static_cast<size_t>(d)); }
  bool has(Defect d) const { return bits_.test(static_cast<size_t>(d)); }
  bool any() const { return bits_.any(); }
  std::string names() const;  // "no-date, body-on-head"

 private:
  std::bitset<static_cast<size_t>(Defect::count_)> bits_;
};

}  // namespace wirecheck::server
