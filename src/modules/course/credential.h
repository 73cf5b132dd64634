// Certificates as signed, portable credentials: an Open Badges 3.0 OpenBadgeCredential (a W3C
// Verifiable Credential, data model 2.0), signed as a VC-JWT with Ed25519, revocable through a
// Bitstring Status List (status_list.h).
//
// The securing mechanism is "Securing Verifiable Credentials using JOSE and COSE" (VC-JOSE-COSE):
// the credential JSON itself is the JWT claims set, unchanged, with no "vc" wrapper claim and no
// iss/sub/iat/jti copies of its members. The protected header is
//   {"alg":"EdDSA","kid":<key id>,"typ":"vc+jwt"}
// so the JWT is the media type application/vc+jwt. Keeping the payload identical to the
// credential means a verifier reads exactly what was signed, and the issuer has one source of
// truth for each member instead of two that could disagree.
//
// Keys are Ed25519 (RFC 8032) through libsodium, published as OKP JWKs (RFC 8037) in a JWK Set.
// A key's id ("kid") is its RFC 7638 JWK thumbprint: SHA-256 of the canonical
// {"crv":"Ed25519","kty":"OKP","x":...}, base64url. It is derived from the public key alone, so
// it changes whenever the key changes, and a verifier can recompute it to check the JWKS entry.
// The server keeps its key as one secret setting: the 32-byte Ed25519 seed, base64url (SeedOf /
// SigningKeyFromSeed). After a key rotation the old public keys stay in the JWKS (and in the key
// list passed to VerifyJwt) so certificates signed before still verify.
//
// No floating point: scores travel as integers (hundredths of a percent) and are written as
// exact decimals.
//
// Thread-safety: all functions are thread-safe; SigningKey is a value.
#ifndef BSG_MODULES_COURSE_CREDENTIAL_H_
#define BSG_MODULES_COURSE_CREDENTIAL_H_

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/status_list.h"
#include "platform/status.h"

namespace bsg::course {

// The W3C Verifiable Credentials 2.0 context; it also defines the Bitstring Status List terms.
inline constexpr std::string_view kVcContextV2 = "https://www.w3.org/ns/credentials/v2";
// The Open Badges 3.0 context, the version the 1EdTech examples for data model 2.0 use.
inline constexpr std::string_view kOb3Context =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
// The JOSE "typ" of a credential secured as a JWT (media type application/vc+jwt).
inline constexpr std::string_view kVcJwtType = "vc+jwt";

// An Ed25519 key pair. secret_key is libsodium's 64-byte form (seed followed by public key); it
// must never be logged or sent anywhere. A key known only from its public half (an old key kept
// for verification) has an all-zero secret_key.
struct SigningKey {
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
  std::string kid;  // RFC 7638 thumbprint of the public JWK
};

// A new key pair from the operating system's random source (crypto_sign_keypair).
SigningKey GenerateSigningKey();

// The key pair whose seed is `seed_base64url`: the 32-byte Ed25519 seed as base64url without
// padding (43 characters). InvalidArgument (credential.bad_seed) for anything else; the message
// never repeats the value.
Result<SigningKey> SigningKeyFromSeed(std::string_view seed_base64url);

// The seed of `key` as base64url without padding: the one secret setting SigningKeyFromSeed
// reads back. Secret: store it as a secret, never log it.
std::string SeedOf(const SigningKey& key);

// The public key as an RFC 8037 JWK: {"kty":"OKP","crv":"Ed25519","x":...,"kid":...,
// "alg":"EdDSA","use":"sig"}. Never contains the private part ("d").
nlohmann::json PublicJwk(const SigningKey& key);

// A JWK Set of the public keys: {"keys":[PublicJwk(key), ...]}, in the order given.
nlohmann::json Jwks(const std::vector<SigningKey>& keys);

// A compact JWS (RFC 7515) of `claims`: base64url(header) "." base64url(payload) "."
// base64url(signature), the header {"alg":"EdDSA","kid":key.kid,"typ":typ}, the signature
// Ed25519 over the ASCII of the first two parts joined by ".". `claims` must hold valid UTF-8
// (text reaches it validated); the payload is its compact serialization.
std::string SignJwt(const nlohmann::json& claims, const SigningKey& key, std::string_view typ);

// The claims of `jwt` once its signature checks out against the key in `keys` named by its
// "kid". When `expected_typ` is not empty the header's "typ" must equal it. Failures:
//   InvalidArgument credential.malformed        not three base64url parts, header or payload not
//                                               a JSON object, signature not 64 bytes, too long
//   Unprocessable   credential.bad_algorithm    "alg" is not "EdDSA" (no "none", no HMAC)
//   Unprocessable   credential.unsupported_header  a "crit" header this code cannot honour
//   Unprocessable   credential.wrong_type       "typ" differs from `expected_typ`
//   Unprocessable   credential.unknown_key      no key in `keys` has the header's "kid"
//   Unprocessable   credential.bad_signature    the signature does not verify
Result<nlohmann::json> VerifyJwt(std::string_view jwt, const std::vector<SigningKey>& keys,
                                 std::string_view expected_typ = {});

// What a certificate states, as it goes into its credential. Only what is printed on the
// certificate: the learner's name, no e-mail address, no internal ids.
struct CertificateFacts {
  std::string credential_id;  // the certificate's URL, e.g. base_url + "/certificates/" + code
  std::string issuer_id;      // the issuing site's base URL
  std::string issuer_name;
  std::string learner_name;
  std::optional<std::string> learner_name_latin;  // the name in Latin letters, when printed too
  std::string course_id;                          // the course's URL (no "#fragment")
  std::string course_name;
  std::string course_description;
  std::string criteria_narrative;         // how the certificate is earned (Markdown allowed)
  std::string language;                   // BCP 47 language of the texts: "en", "pt-BR"
  std::string issued_at;                  // "2020-03-01T10:00:00Z"
  std::int64_t score_percent_e2 = 0;      // hundredths of a percent: 8500 is 85.00%
  std::int64_t pass_mark_percent_e2 = 0;  // likewise
  std::string code;  // the human verification code (already part of credential_id)
  // The assessment in words, in `language`. Empty: an English sentence with score and pass mark.
  std::string evidence_narrative;
  std::string status_list_url;  // URL of the revocation BitstringStatusListCredential
  std::int64_t status_list_index = 0;
};

// Hundredths as an exact decimal with two places: 8500 -> "85.00", 5 -> "0.05", -150 -> "-1.50".
std::string DecimalE2(std::int64_t value_e2);

// The OpenBadgeCredential for `facts` (VC data model 2.0), unsigned:
//   @context           [kVcContextV2, kOb3Context]
//   id, type           facts.credential_id, ["VerifiableCredential","OpenBadgeCredential"]
//   name               the course name (what a wallet lists)
//   issuer             Profile {id, type ["Profile"], name, url}
//   validFrom          facts.issued_at
//   credentialSubject  AchievementSubject: the learner's name as `name` and as IdentityObjects of
//                      identityType "name" (OB 3.0 wants an id or an identifier; a learner has
//                      no URL of their own), the Achievement (the course: criteria, type
//                      "Certificate", inLanguage, a ResultDescription of resultType "Percent"
//                      from "0.00" to "100.00" whose requiredValue is the pass mark) and one
//                      Result pointing at it with the score as value ("85.00")
//   evidence           one Evidence: the assessment passed, with a narrative
//   credentialStatus   BitstringStatusListEntry, statusPurpose "revocation", statusListIndex as
//                      a decimal string, id status_list_url + "#" + index
nlohmann::json OpenBadgeCredential(const CertificateFacts& facts);

// The BitstringStatusListCredential published at `url` (unsigned): type
// ["VerifiableCredential","BitstringStatusListCredential"], issuer `issuer_id`, validFrom
// `valid_from`, credentialSubject {id url + "#list", type "BitstringStatusList", statusPurpose
// "revocation", encodedList list.Encode()}.
nlohmann::json StatusListCredential(std::string_view url, std::string_view issuer_id,
                                    std::string_view valid_from, const StatusList& list);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_CREDENTIAL_H_
