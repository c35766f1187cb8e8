// fobrig's commands that ask fobrigd what it is: `status` and `web-url`.
#pragma once

#include "rig/cli/client_options.hpp"

namespace fobrig {

int status_command(const ClientOptions& client);
// The web page's address with its token, for a browser.
int web_url_command(const ClientOptions& client);

} // namespace fobrig
