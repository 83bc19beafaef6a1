// RESP request encoding.
//
// Hand-written on purpose: hiredis' redisFormatCommandArgv allocates a new buffer per command,
// while load generation wants to append many commands into one reused buffer. Encoding RESP
// arrays of bulk strings is a few lines; parsing replies (the hard part) is left to hiredis.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rrt {

using Args = std::vector<std::string>;

// Appends `*N\r\n$len\r\narg\r\n...` for one command to `out`.
void append_command(const Args& args, std::string* out);
void append_command(std::initializer_list<std::string_view> args, std::string* out);

// "SET key value" for people (arguments longer than 40 bytes are shortened).
std::string describe_command(const Args& args);

}  // namespace rrt
