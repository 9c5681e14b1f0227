// Splits one inline command line (what a human types into telnet) into arguments with
// Redis's quoting rules, so `SET k "a b\x00"` means what it means to Redis.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace larder::resp {

// Rules (matching Redis's sdssplitargs byte for byte):
// - arguments are separated by runs of C whitespace (space, \t, \n, \v, \f, \r), although
//   an unquoted argument ends only at space, \t, \n or \r;
// - "..." understands \n \r \t \b \a \xHH and \<any> (that byte itself);
// - '...' understands only \' ;
// - quotes may start mid-argument (a"b c" is `ab c`), but a closing quote must be followed
//   by whitespace or the end of the line.
// Returns false on unbalanced quotes (the caller answers with the protocol error).
//
// `args` receives views into `line` for arguments that needed no unquoting, and into
// `storage` for the others. `storage` is cleared and reserved up front for the whole line,
// so it never reallocates while filling and the views stay valid until its next use.
// `line` must not contain NUL (the parser never passes one).
bool split_inline(std::string_view line, std::string& storage, std::vector<std::string_view>& args);

}  // namespace larder::resp
