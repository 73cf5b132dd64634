#include "modules/identity/cli.h"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "platform/audit.h"
#include "platform/command.h"

namespace bsg::identity {
namespace {

// The service on the command's database, or Fail.
std::unique_ptr<IdentityService> OpenService(ModuleContext& ctx, IdentityOptions options = {}) {
  auto db = ctx.database();
  if (!db.ok()) FailCommand(db.status());
  return std::make_unique<IdentityService>(**db, std::move(options));
}

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

struct AddOptions {
  std::string email;
  std::vector<std::string> roles;
  std::string country;
  std::string name;
  std::string language = "en";
  bool password_stdin = false;
};

void RunAdd(ModuleContext& ctx, const AddOptions& o) {
  CreateUserInput in;
  in.email = o.email;
  in.display_name = o.name;
  in.language = o.language;
  in.roles = std::set<std::string>(o.roles.begin(), o.roles.end());
  if (!o.country.empty()) in.country = o.country;
  bool generated = false;
  if (o.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    in.password = line;
  } else {
    in.password = GeneratePassword();
    generated = true;
  }
  auto service = OpenService(ctx);
  auto user = service->CreateUser(in, CliActor("bsg user add"));
  if (!user.ok()) FailCommand(user.status());
  std::cout << "created user " << user->user_id << ": " << user->email << " (" << Join(user->roles)
            << (user->country ? " " + *user->country : "") << ")\n";
  if (generated) std::cout << "password (shown once): " << *in.password << "\n";
}

void RunList(ModuleContext& ctx) {
  auto service = OpenService(ctx);
  UserFilter f;
  f.limit = 200;
  std::cout << std::left << std::setw(6) << "ID" << std::setw(36) << "EMAIL" << std::setw(28)
            << "ROLES" << std::setw(8) << "COUNTRY" << std::setw(10) << "STATUS"
            << "NAME\n";
  while (true) {
    auto page = service->ListUsers(f);
    if (!page.ok()) FailCommand(page.status());
    for (const auto& u : page->users) {
      std::cout << std::left << std::setw(6) << u.user_id << std::setw(36) << u.email
                << std::setw(28) << Join(u.roles) << std::setw(8) << u.country.value_or("-")
                << std::setw(10) << (u.disabled() ? "disabled" : "active") << u.display_name
                << "\n";
    }
    f.offset += static_cast<std::int64_t>(page->users.size());
    if (page->users.empty() || f.offset >= page->total) break;
  }
}

void RunDisable(ModuleContext& ctx, const std::string& email) {
  auto service = OpenService(ctx);
  auto user = service->DisableUser(email, CliActor("bsg user disable"));
  if (!user.ok()) FailCommand(user.status());
  std::cout << "disabled user " << user->user_id << ": " << user->email
            << "; its sessions and API tokens are revoked\n";
}

void RunResetLink(ModuleContext& ctx, const std::string& email, const std::string& base_url) {
  IdentityOptions options;
  options.base_url = base_url;
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  auto service = OpenService(ctx, options);
  auto link = service->CreateResetLink(email, CliActor("bsg user reset-link"));
  if (!link.ok()) FailCommand(link.status());
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(service->options().reset_validity);
  std::cout << *link << "\n";
  std::cerr << "(valid once, for " << minutes.count() << " minutes)\n";
}

}  // namespace

void RegisterIdentityCommands(CLI::App& app, ModuleContext& ctx) {
  auto* user = app.add_subcommand("user", "Manage users: add, list, disable, reset-link");
  user->require_subcommand(1);

  auto add_options = std::make_shared<AddOptions>();
  auto* add = user->add_subcommand(
      "add", "Add a user. Without --password-stdin a strong random password is printed once");
  add->add_option("email", add_options->email, "Email address")->required();
  add->add_option("--role", add_options->roles,
                  "Role: admin, officer, committee, focal_point, delegate, viewer (repeatable)")
      ->required();
  add->add_option("--country", add_options->country,
                  "ISO 3166-1 alpha-2 country of a focal point (e.g. KE)");
  add->add_option("--name", add_options->name, "Display name (default: the email's local part)");
  add->add_option("--language", add_options->language,
                  "Preferred language: ar, zh, en, fr, ru, es");
  add->add_flag("--password-stdin", add_options->password_stdin,
                "Read the password from the first line of standard input");
  add->callback([&ctx, add_options] { RunAdd(ctx, *add_options); });

  user->add_subcommand("list", "List every user")->callback([&ctx] { RunList(ctx); });

  auto disable_email = std::make_shared<std::string>();
  auto* disable = user->add_subcommand(
      "disable", "Disable a user: sign-in refused, sessions and API tokens stop working at once");
  disable->add_option("email", *disable_email, "Email address")->required();
  disable->callback([&ctx, disable_email] { RunDisable(ctx, *disable_email); });

  auto reset_email = std::make_shared<std::string>();
  auto base_url = std::make_shared<std::string>("http://127.0.0.1:8080");
  auto* reset = user->add_subcommand("reset-link", "Print a one-time password reset link");
  reset->add_option("email", *reset_email, "Email address")->required();
  reset->add_option("--base-url", *base_url, "Where the web app is served")->capture_default_str();
  reset->callback([&ctx, reset_email, base_url] { RunResetLink(ctx, *reset_email, *base_url); });
}

}  // namespace bsg::identity
