// Running code inside a network namespace, for clients on "client hosts" (and tests).
//
// A socket belongs for life to the namespace of the thread that created it. So a client on a
// netns host needs only a thread that entered the namespace before it created its sockets: for
// Asio, run the io_context on such a thread (the sockets of resp/Connection are created by
// Connection::connect, on the thread that runs the io_context). Other threads are unaffected:
// setns(CLONE_NEWNET) changes the calling thread only.
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace rrt {

// Moves the calling thread into network namespace `netns` (a name under /run/netns; empty: no
// change). There is no way back short of entering another namespace, so call it only on a
// thread made for the purpose. Throws EnvironmentError (no such namespace, not root).
void enter_netns(const std::string& netns);

// Starts a thread that enters `netns` and then runs `body`. Returns once the thread is inside
// the namespace; throws EnvironmentError (and runs nothing) if it could not enter it. The caller
// joins the thread. Never spawn lab processes from such a thread (see base/process.h).
std::thread netns_thread(const std::string& netns, std::function<void()> body);

// Runs `body` on a fresh thread inside `netns` and waits for it; rethrows what `body` threw.
void run_in_netns(const std::string& netns, const std::function<void()>& body);

// A socket hook for resp's ConnectOptions::open_socket: creates each TCP socket (close-on-exec)
// inside `netns`, on a short-lived thread that entered it (a thread start and a setns per
// connect, on the caller's thread: fine for clients that connect rarely next to requests). Returns
// -1 with errno set on failure (ENOENT: no such namespace; EPERM: it could not be entered).
std::function<int(int family)> netns_socket_opener(const std::string& netns);

}  // namespace rrt
