#include "modules/course/credential.h"

#include <sodium.h>

#include <cstdlib>
#include <string>
#include <utility>

namespace bsg::course {
namespace {

// libsodium must be initialized before keys are made; without it nothing can be signed safely,
// so a failure here stops the process.
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

// A credential JWT is a few kilobytes and a status list JWT at most a few megabytes (the largest
// list, all of it random, compresses to about 2 MiB). Anything longer is refused unread.
constexpr std::size_t kMaxJwtChars = 8 * 1024 * 1024;
// The header read before the signature is checked is about a hundred characters; a longer one
// is refused so that unauthenticated input cannot make the parser do much work.
constexpr std::size_t kMaxHeaderChars = 2048;

std::string_view AsChars(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// RFC 7638: SHA-256 over the required members of the JWK in lexicographic order with no
// whitespace. For an Ed25519 OKP key those are crv, kty and x; x is base64url, which needs no
// JSON escaping, so the canonical text can be written out directly.
std::string ThumbprintOf(const std::array<unsigned char, 32>& public_key) {
  const std::string canonical = R"({"crv":"Ed25519","kty":"OKP","x":")" +
                                Base64UrlEncode(AsChars(public_key.data(), public_key.size())) +
                                R"("})";
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canonical.data()),
                     canonical.size());
  return Base64UrlEncode(AsChars(digest, sizeof(digest)));
}

Status Malformed(std::string message) {
  return Status::InvalidArgument("credential.malformed", std::move(message));
}

// The JSON object in a base64url part of a JWT, or nullopt.
std::optional<nlohmann::json> DecodeJsonPart(std::string_view part) {
  std::optional<std::string> text = Base64UrlDecode(part);
  if (!text) return std::nullopt;
  nlohmann::json value = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

}  // namespace

SigningKey GenerateSigningKey() {
  EnsureSodium();
  SigningKey key;
  crypto_sign_keypair(key.public_key.data(), key.secret_key.data());
  key.kid = ThumbprintOf(key.public_key);
  return key;
}

Result<SigningKey> SigningKeyFromSeed(std::string_view seed_base64url) {
  EnsureSodium();
  std::optional<std::string> seed = Base64UrlDecode(seed_base64url);
  if (!seed || seed->size() != crypto_sign_SEEDBYTES) {
    if (seed) sodium_memzero(seed->data(), seed->size());
    return Status::InvalidArgument("credential.bad_seed",
                                   "the signing key setting must be a 32-byte seed in base64url");
  }
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(),
                           reinterpret_cast<const unsigned char*>(seed->data()));
  sodium_memzero(seed->data(), seed->size());
  key.kid = ThumbprintOf(key.public_key);
  return key;
}

std::string SeedOf(const SigningKey& key) {
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, key.secret_key.data());
  std::string out = Base64UrlEncode(AsChars(seed, sizeof(seed)));
  sodium_memzero(seed, sizeof(seed));
  return out;
}

nlohmann::json PublicJwk(const SigningKey& key) {
  return {
      {"kty", "OKP"},
      {"crv", "Ed25519"},
      {"x", Base64UrlEncode(AsChars(key.public_key.data(), key.public_key.size()))},
      {"kid", key.kid},
      {"alg", "EdDSA"},
      {"use", "sig"},
  };
}

nlohmann::json Jwks(const std::vector<SigningKey>& keys) {
  nlohmann::json list = nlohmann::json::array();
  for (const SigningKey& key : keys) list.push_back(PublicJwk(key));
  return {{"keys", std::move(list)}};
}

std::string SignJwt(const nlohmann::json& claims, const SigningKey& key, std::string_view typ) {
  EnsureSodium();
  const nlohmann::json header = {{"alg", "EdDSA"}, {"kid", key.kid}, {"typ", std::string(typ)}};
  const std::string signing_input =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr,
                       reinterpret_cast<const unsigned char*>(signing_input.data()),
                       signing_input.size(), key.secret_key.data());
  return signing_input + "." + Base64UrlEncode(AsChars(signature, sizeof(signature)));
}

Result<nlohmann::json> VerifyJwt(std::string_view jwt, const std::vector<SigningKey>& keys,
                                 std::string_view expected_typ) {
  EnsureSodium();
  if (jwt.size() > kMaxJwtChars) return Malformed("the credential is too long");
  const std::size_t first = jwt.find('.');
  const std::size_t second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
  if (second == std::string_view::npos || jwt.find('.', second + 1) != std::string_view::npos) {
    return Malformed("a signed credential has three parts separated by dots");
  }
  const std::string_view header_part = jwt.substr(0, first);
  const std::string_view payload_part = jwt.substr(first + 1, second - first - 1);
  const std::string_view signature_part = jwt.substr(second + 1);

  if (header_part.size() > kMaxHeaderChars) return Malformed("the credential's header is too long");
  std::optional<nlohmann::json> header = DecodeJsonPart(header_part);
  if (!header) return Malformed("the credential's header is not a JSON object");

  // The algorithm is fixed rather than taken from the header, so a forged header cannot switch
  // verification to "none" or to an HMAC keyed with the public key.
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string() || alg->get<std::string>() != "EdDSA") {
    return Status::Unprocessable("credential.bad_algorithm",
                                 "the credential is not signed with EdDSA");
  }
  // RFC 7515: a "crit" extension that is not understood makes the JWS invalid. None is.
  if (header->contains("crit")) {
    return Status::Unprocessable("credential.unsupported_header",
                                 "the credential uses a header extension this site cannot check");
  }
  if (!expected_typ.empty()) {
    const auto typ = header->find("typ");
    if (typ == header->end() || !typ->is_string() || typ->get<std::string>() != expected_typ) {
      return Status::Unprocessable("credential.wrong_type",
                                   "the signed document is not of the expected type");
    }
  }
  const auto kid = header->find("kid");
  const SigningKey* key = nullptr;
  if (kid != header->end() && kid->is_string()) {
    const std::string& wanted = kid->get_ref<const std::string&>();
    for (const SigningKey& candidate : keys) {
      if (candidate.kid == wanted) {
        key = &candidate;
        break;
      }
    }
  }
  if (key == nullptr) {
    return Status::Unprocessable("credential.unknown_key",
                                 "the credential was not signed with a key of this site");
  }

  std::optional<std::string> signature = Base64UrlDecode(signature_part);
  if (!signature || signature->size() != crypto_sign_BYTES) {
    return Malformed("the credential's signature is not an Ed25519 signature");
  }
  const std::string_view signing_input = jwt.substr(0, second);
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                  reinterpret_cast<const unsigned char*>(signing_input.data()),
                                  signing_input.size(), key->public_key.data()) != 0) {
    return Status::Unprocessable("credential.bad_signature",
                                 "the credential's signature does not match its content");
  }
  // The payload is read only once it is known to be the issuer's.
  std::optional<nlohmann::json> claims = DecodeJsonPart(payload_part);
  if (!claims) return Malformed("the credential's content is not a JSON object");
  return std::move(*claims);
}

std::string DecimalE2(std::int64_t value_e2) {
  // The magnitude in unsigned arithmetic, so that the most negative value does not overflow.
  const std::uint64_t magnitude = value_e2 < 0 ? 0 - static_cast<std::uint64_t>(value_e2)
                                               : static_cast<std::uint64_t>(value_e2);
  const std::uint64_t part = magnitude % 100;
  return (value_e2 < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." +
         (part < 10 ? "0" : "") + std::to_string(part);
}

nlohmann::json OpenBadgeCredential(const CertificateFacts& facts) {
  // The result description belongs to the achievement (the course), so its id is the course's
  // URL with a fragment: the same for every certificate of the course.
  const std::string result_description_id = facts.course_id + "#score";
  const std::string score = DecimalE2(facts.score_percent_e2);
  const std::string pass_mark = DecimalE2(facts.pass_mark_percent_e2);

  // OB 3.0 identifies the recipient by an id or by IdentityObjects. A learner has no URL of
  // their own here, and the certificate names them, so the names printed on it are the
  // identifiers, unhashed because they are in the credential in clear anyway.
  nlohmann::json identifiers = nlohmann::json::array();
  auto add_name = [&identifiers](const std::string& name) {
    identifiers.push_back({{"type", "IdentityObject"},
                           {"identityType", "name"},
                           {"hashed", false},
                           {"identityHash", name}});
  };
  add_name(facts.learner_name);
  if (facts.learner_name_latin && !facts.learner_name_latin->empty() &&
      *facts.learner_name_latin != facts.learner_name) {
    add_name(*facts.learner_name_latin);
  }

  const nlohmann::json achievement = {
      {"id", facts.course_id},
      {"type", {"Achievement"}},
      {"name", facts.course_name},
      {"description", facts.course_description},
      {"criteria", {{"narrative", facts.criteria_narrative}}},
      {"achievementType", "Certificate"},
      {"inLanguage", facts.language},
      // Scores are percentages with two decimals; requiredValue is the pass mark, so a reader
      // can compare the result with it without knowing this site.
      {"resultDescription",
       {{
           {"id", result_description_id},
           {"type", {"ResultDescription"}},
           {"name", "Score"},
           {"resultType", "Percent"},
           {"valueMin", "0.00"},
           {"valueMax", "100.00"},
           {"requiredValue", pass_mark},
       }}},
  };

  const std::string evidence_narrative = facts.evidence_narrative.empty()
                                             ? "Passed the course assessment with a score of " +
                                                   score + "% (pass mark " + pass_mark + "%)."
                                             : facts.evidence_narrative;

  const std::string index = std::to_string(facts.status_list_index);
  return {
      {"@context", {std::string(kVcContextV2), std::string(kOb3Context)}},
      {"id", facts.credential_id},
      {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
      {"name", facts.course_name},
      {"issuer",
       {{"id", facts.issuer_id},
        {"type", {"Profile"}},
        {"name", facts.issuer_name},
        {"url", facts.issuer_id}}},
      {"validFrom", facts.issued_at},
      {"credentialSubject",
       {
           {"type", {"AchievementSubject"}},
           {"name", facts.learner_name},
           {"identifier", std::move(identifiers)},
           {"achievement", achievement},
           {"result",
            {{
                {"type", {"Result"}},
                {"resultDescription", result_description_id},
                {"value", score},
            }}},
       }},
      {"evidence", {{{"type", {"Evidence"}}, {"narrative", evidence_narrative}}}},
      {"credentialStatus",
       {
           {"id", facts.status_list_url + "#" + index},
           {"type", "BitstringStatusListEntry"},
           {"statusPurpose", "revocation"},
           {"statusListIndex", index},
           {"statusListCredential", facts.status_list_url},
       }},
  };
}

nlohmann::json StatusListCredential(std::string_view url, std::string_view issuer_id,
                                    std::string_view valid_from, const StatusList& list) {
  const std::string id(url);
  return {
      {"@context", {std::string(kVcContextV2)}},
      {"id", id},
      {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
      {"issuer", std::string(issuer_id)},
      {"validFrom", std::string(valid_from)},
      {"credentialSubject",
       {
           {"id", id + "#list"},
           {"type", "BitstringStatusList"},
           {"statusPurpose", "revocation"},
           {"encodedList", list.Encode()},
       }},
  };
}

}  // namespace bsg::course
