#include "reference/client/form.h"

namespace wirecheck::client {

FormBody multipart_form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string boundary = "wirecheck-form-boundary";
  for (bool clash = true; clash;) {
    clash = false;
    for (const auto& [name, value] : fields) {
      if (value.find(boundary) != std::string::npos || name.find(boundary) != std::string::npos) {
        boundary += "-x";
        clash = true;
        break;
      }
    }
  }
  FormBody out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& [name, value] : fields) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=\"";
    for (char c : name) {
      // RFC 7578 §4.2: quote-safe names (percent-encode '"', CR and LF).
      if (c == '"') out.body += "%22";
      else if (c == '\r') out.body += "%0D";
      else if (c == '\n') out.body += "%0A";
      else out.body += c;
    }
    out.body += "\"\r\n\r\n";
    out.body += value;
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace wirecheck::client
