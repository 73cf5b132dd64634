// Certificates as signed credentials: keys, VC-JWT signing and verification, the Open Badges
// 3.0 credential, and the Bitstring Status List that revokes it. Independent libraries (jose,
// Digital Bazaar's status list code) check the same output in verify_credential.test.mjs.
#include "modules/course/credential.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "modules/course/status_list.h"
#include "platform/compress.h"

namespace bsg::course {
namespace {

// RFC 8037 appendix A: an Ed25519 key, its public JWK member "x", its RFC 7638 thumbprint, and
// the signature of a JWS made with it.
constexpr char kRfcSeed[] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr char kRfcX[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr char kRfcThumbprint[] = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
constexpr char kRfcSigningInput[] = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
constexpr char kRfcSignature[] =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// The encodedList of an empty 131,072-entry list, from the Bitstring Status List Recommendation.
constexpr char kW3cEmptyList[] =
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

// Replaces the character at `pos` by another base64url character, keeping the text decodable.
std::string Flip(std::string text, std::size_t pos) {
  text[pos] = text[pos] == 'A' ? 'B' : 'A';
  return text;
}

std::vector<std::string> Parts(const std::string& jwt) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = jwt.find('.', start);
    parts.push_back(jwt.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
  return out;
}

CertificateFacts SampleFacts() {
  CertificateFacts f;
  f.credential_id = "https://school.example/certificates/K7QF-92XD";
  f.issuer_id = "https://school.example";
  f.issuer_name = "Example School";
  f.learner_name = "Zoë Ångström";
  f.learner_name_latin = "Zoe Angstrom";
  f.course_id = "https://school.example/courses/42";
  f.course_name = "Safe Food Handling";
  f.course_description = "Hygiene, storage and temperature control in a kitchen.";
  f.criteria_narrative = "Complete every lesson and pass the final quiz with 70% or more.";
  f.language = "en";
  f.issued_at = "2020-03-01T10:00:00Z";
  f.score_percent_e2 = 8500;
  f.pass_mark_percent_e2 = 7000;
  f.code = "K7QF-92XD";
  f.status_list_url = "https://school.example/credentials/status/1";
  f.status_list_index = 94567;
  return f;
}

// ---- base64url ----

TEST(Base64UrlTest, EncodesWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode("hello"), "aGVsbG8");
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64UrlTest, DecodesOnlyCanonicalUrlSafeText) {
  EXPECT_EQ(Base64UrlDecode("aGVsbG8"), std::optional<std::string>("hello"));
  EXPECT_EQ(Base64UrlDecode("-_8"), std::optional<std::string>("\xfb\xff"));
  EXPECT_FALSE(Base64UrlDecode("aGVsbG8="));   // padding
  EXPECT_FALSE(Base64UrlDecode("aGVsbG9"));    // unused bits not zero
  EXPECT_FALSE(Base64UrlDecode("+/8"));        // the standard alphabet
  EXPECT_FALSE(Base64UrlDecode("aGVs bG8"));   // whitespace
  EXPECT_FALSE(Base64UrlDecode("aGVsbG8A1"));  // a lone final character
}

// ---- status list ----

TEST(StatusListTest, DefaultIsTheSmallestAllowedAllClear) {
  StatusList list;
  EXPECT_EQ(list.size(), 131072);
  EXPECT_EQ(list.bytes().size(), 16384u);
  EXPECT_EQ(list.CountSet(), 0);
  EXPECT_GE(StatusList::kMinBits, 131072);
}

TEST(StatusListTest, IndexZeroIsTheMostSignificantBitOfTheFirstByte) {
  StatusList list;
  ASSERT_TRUE(list.Set(0, true).ok());
  EXPECT_EQ(static_cast<unsigned char>(list.bytes()[0]), 0x80);
  ASSERT_TRUE(list.Set(7, true).ok());
  EXPECT_EQ(static_cast<unsigned char>(list.bytes()[0]), 0x81);
  ASSERT_TRUE(list.Set(8, true).ok());
  EXPECT_EQ(static_cast<unsigned char>(list.bytes()[1]), 0x80);
  ASSERT_TRUE(list.Set(131071, true).ok());
  EXPECT_EQ(static_cast<unsigned char>(list.bytes()[16383]), 0x01);
  EXPECT_TRUE(list.Get(0));
  EXPECT_FALSE(list.Get(1));
  EXPECT_TRUE(list.Get(7));
  EXPECT_TRUE(list.Get(8));
  EXPECT_TRUE(list.Get(131071));
  EXPECT_EQ(list.CountSet(), 4);
  ASSERT_TRUE(list.Set(0, false).ok());
  EXPECT_FALSE(list.Get(0));
  EXPECT_EQ(static_cast<unsigned char>(list.bytes()[0]), 0x01);
}

TEST(StatusListTest, IndexesOutsideTheListAreRefused) {
  StatusList list;
  EXPECT_EQ(list.Set(-1, true).reason(), "credential.bad_status_index");
  EXPECT_EQ(list.Set(131072, true).reason(), "credential.bad_status_index");
  EXPECT_FALSE(list.Get(-1));
  EXPECT_FALSE(list.Get(131072));
  EXPECT_EQ(list.CountSet(), 0);
}

TEST(StatusListTest, SizesAreBounded) {
  EXPECT_EQ(StatusList::WithSize(131064).status().reason(), "credential.bad_status_list_size");
  EXPECT_EQ(StatusList::WithSize(131073).status().reason(), "credential.bad_status_list_size");
  EXPECT_EQ(StatusList::WithSize(StatusList::kMaxBits + 8).status().reason(),
            "credential.bad_status_list_size");
  EXPECT_FALSE(StatusList::WithSize(-8).ok());
  Result<StatusList> bigger = StatusList::WithSize(131080);
  ASSERT_TRUE(bigger.ok());
  EXPECT_EQ(bigger->size(), 131080);
  EXPECT_TRUE(StatusList::WithSize(StatusList::kMaxBits).ok());
}

TEST(StatusListTest, BytesRoundTripForStorage) {
  StatusList list;
  ASSERT_TRUE(list.Set(12345, true).ok());
  Result<StatusList> back = StatusList::FromBytes(list.bytes());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, list);
  EXPECT_TRUE(back->Get(12345));
  EXPECT_FALSE(StatusList::FromBytes(std::string(16383, '\0')).ok());
  EXPECT_FALSE(StatusList::FromBytes("").ok());
}

TEST(StatusListTest, EncodeDecodeRoundTrip) {
  StatusList list;
  for (std::int64_t i : {0, 1, 9, 4095, 65536, 99999, 131071}) ASSERT_TRUE(list.Set(i, true).ok());
  const std::string encoded = list.Encode();
  ASSERT_FALSE(encoded.empty());
  EXPECT_EQ(encoded[0], 'u');
  EXPECT_EQ(encoded.find_first_of("=+/ \n"), std::string::npos);
  std::optional<StatusList> back = StatusList::Decode(encoded);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, list);
  EXPECT_EQ(back->CountSet(), 7);

  Result<StatusList> big = StatusList::WithSize(1'048'576);
  ASSERT_TRUE(big.ok());
  ASSERT_TRUE(big->Set(1'048'575, true).ok());
  std::optional<StatusList> big_back = StatusList::Decode(big->Encode());
  ASSERT_TRUE(big_back.has_value());
  EXPECT_EQ(big_back->size(), 1'048'576);
  EXPECT_TRUE(big_back->Get(1'048'575));
}

TEST(StatusListTest, DecodesTheRecommendationsExample) {
  std::optional<StatusList> list = StatusList::Decode(kW3cEmptyList);
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->size(), 131072);
  EXPECT_EQ(list->CountSet(), 0);
}

TEST(StatusListTest, DecodeRefusesGarbage) {
  const std::string example = kW3cEmptyList;
  EXPECT_FALSE(StatusList::Decode(""));
  EXPECT_FALSE(StatusList::Decode("u"));
  EXPECT_FALSE(StatusList::Decode(example.substr(1)));        // no multibase prefix
  EXPECT_FALSE(StatusList::Decode("z" + example.substr(1)));  // another base
  EXPECT_FALSE(StatusList::Decode(example + "="));            // padding
  EXPECT_FALSE(StatusList::Decode(example.substr(0, 30)));    // truncated
  EXPECT_FALSE(StatusList::Decode(example + "AAAA"));         // bytes after the member
  EXPECT_FALSE(StatusList::Decode("u" + Base64UrlEncode(std::string(16384, '\0'))));  // no gzip
  EXPECT_FALSE(StatusList::Decode("u!!!!"));
  // A valid gzip member of too few bits.
  EXPECT_FALSE(StatusList::Decode("u" + Base64UrlEncode(*Gzip(std::string(1000, '\0')))));
  // Corrupt deflate data inside a valid-looking header.
  std::string corrupt = *Gzip(std::string(16384, '\x5a'));
  corrupt[corrupt.size() / 2] ^= 0x55;
  EXPECT_FALSE(StatusList::Decode("u" + Base64UrlEncode(corrupt)));
}

TEST(StatusListTest, DecodeRefusesOversizeLists) {
  // One byte over the largest list: small compressed, refused while inflating.
  const std::string over(static_cast<std::size_t>(StatusList::kMaxBits / 8 + 1), '\0');
  const std::string encoded = "u" + Base64UrlEncode(*Gzip(over));
  EXPECT_LT(encoded.size(), 10000u);
  EXPECT_FALSE(StatusList::Decode(encoded));
  // A much larger bomb is refused the same way.
  const std::string bomb(64u * 1024 * 1024, '\0');
  EXPECT_FALSE(StatusList::Decode("u" + Base64UrlEncode(*Gzip(bomb))));
  // An encodedList longer than any list could need is refused before decoding.
  EXPECT_FALSE(StatusList::Decode("u" + std::string(4u * 1024 * 1024, 'A')));
}

TEST(RandomFreeIndexTest, NeverReturnsAUsedIndex) {
  StatusList used;
  const std::set<std::int64_t> free = {0, 7, 8, 70000, 131071};
  for (std::int64_t i = 0; i < used.size(); ++i) {
    if (!free.contains(i)) {
      ASSERT_TRUE(used.Set(i, true).ok());
    }
  }
  std::set<std::int64_t> seen;
  for (int draw = 0; draw < 400; ++draw) {
    Result<std::int64_t> index = RandomFreeIndex(used);
    ASSERT_TRUE(index.ok());
    EXPECT_TRUE(free.contains(*index)) << *index;
    EXPECT_FALSE(used.Get(*index));
    seen.insert(*index);
  }
  EXPECT_EQ(seen, free);  // each of 5 is missed by 400 draws with probability below 1e-38
}

TEST(RandomFreeIndexTest, DrawsUniformlyAmongFreeIndexes) {
  StatusList used;
  for (std::int64_t i = 0; i < used.size(); ++i) ASSERT_TRUE(used.Set(i, i % 32768 != 5).ok());
  std::map<std::int64_t, int> counts;
  for (int draw = 0; draw < 2000; ++draw) {
    Result<std::int64_t> index = RandomFreeIndex(used);
    ASSERT_TRUE(index.ok());
    ++counts[*index];
  }
  ASSERT_EQ(counts.size(), 4u);
  // 500 expected each, standard deviation about 19: 370..630 is over six deviations.
  for (const auto& [index, count] : counts) {
    EXPECT_EQ(index % 32768, 5);
    EXPECT_GT(count, 370);
    EXPECT_LT(count, 630);
  }
}

TEST(RandomFreeIndexTest, SpreadsOverTheWholeList) {
  StatusList used;
  std::int64_t highest = 0;
  std::set<std::int64_t> seen;
  for (int draw = 0; draw < 100; ++draw) {
    Result<std::int64_t> index = RandomFreeIndex(used);
    ASSERT_TRUE(index.ok());
    ASSERT_GE(*index, 0);
    ASSERT_LT(*index, used.size());
    highest = std::max(highest, *index);
    seen.insert(*index);
    ASSERT_TRUE(used.Set(*index, true).ok());
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_GT(highest, used.size() / 2);  // all 100 in the lower half: probability 2^-100
}

TEST(RandomFreeIndexTest, FailsCleanlyWhenFull) {
  StatusList used;
  for (std::int64_t i = 0; i < used.size(); ++i) ASSERT_TRUE(used.Set(i, true).ok());
  Result<std::int64_t> index = RandomFreeIndex(used);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(index.status().reason(), "credential.status_list_full");
  // One freed position is then the only answer.
  ASSERT_TRUE(used.Set(4242, false).ok());
  Result<std::int64_t> last = RandomFreeIndex(used);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, 4242);
}

// ---- keys ----

TEST(SigningKeyTest, SeedRoundTrip) {
  const SigningKey key = GenerateSigningKey();
  const std::string seed = SeedOf(key);
  EXPECT_EQ(seed.size(), 43u);
  Result<SigningKey> back = SigningKeyFromSeed(seed);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->public_key, key.public_key);
  EXPECT_EQ(back->secret_key, key.secret_key);
  EXPECT_EQ(back->kid, key.kid);
}

TEST(SigningKeyTest, BadSeedsAreRefusedWithoutEchoingThem) {
  const std::string good = SeedOf(GenerateSigningKey());
  const std::vector<std::string> bad = {
      "",
      "short",
      good + "=",                             // padding
      good.substr(0, 42),                     // 31.5 bytes
      good + "AAAA",                          // 35 bytes
      Base64UrlEncode(std::string(64, 'k')),  // a libsodium secret key, not a seed
      std::string(good).replace(10, 1, "+"),  // the standard alphabet
      " " + good,                             // whitespace
  };
  for (const std::string& seed : bad) {
    Result<SigningKey> key = SigningKeyFromSeed(seed);
    ASSERT_FALSE(key.ok()) << seed;
    EXPECT_EQ(key.status().reason(), "credential.bad_seed");
    EXPECT_EQ(key.status().code(), ErrorCode::kInvalidArgument);
    if (seed.size() > 3) {
      EXPECT_EQ(key.status().message().find(seed), std::string::npos);
      EXPECT_EQ(key.status().ToString().find(seed), std::string::npos);
    }
  }
}

TEST(SigningKeyTest, MatchesRfc8037) {
  Result<SigningKey> key = SigningKeyFromSeed(kRfcSeed);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(PublicJwk(*key)["x"], kRfcX);
  EXPECT_EQ(key->kid, kRfcThumbprint);
  // The secret key libsodium derived from the seed signs exactly as the RFC's example.
  unsigned char signature[crypto_sign_BYTES];
  const std::string input = kRfcSigningInput;
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size(), key->secret_key.data());
  EXPECT_EQ(Base64UrlEncode(std::string(reinterpret_cast<char*>(signature), sizeof(signature))),
            kRfcSignature);
  EXPECT_EQ(SeedOf(*key), kRfcSeed);
}

TEST(SigningKeyTest, KidIsStableForASeedAndChangesWithTheKey) {
  const std::string seed = SeedOf(GenerateSigningKey());
  Result<SigningKey> a = SigningKeyFromSeed(seed);
  Result<SigningKey> b = SigningKeyFromSeed(seed);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->kid, b->kid);
  EXPECT_EQ(a->kid.size(), 43u);  // SHA-256, base64url
  EXPECT_NE(GenerateSigningKey().kid, a->kid);
}

TEST(SigningKeyTest, PublicJwkIsLibsodiumsPublicKeyAndNothingSecret) {
  const SigningKey key = GenerateSigningKey();
  const nlohmann::json jwk = PublicJwk(key);
  EXPECT_EQ(jwk["kty"], "OKP");
  EXPECT_EQ(jwk["crv"], "Ed25519");
  EXPECT_EQ(jwk["alg"], "EdDSA");
  EXPECT_EQ(jwk["use"], "sig");
  EXPECT_EQ(jwk["kid"], key.kid);
  EXPECT_FALSE(jwk.contains("d"));
  std::optional<std::string> x = Base64UrlDecode(jwk["x"].get<std::string>());
  ASSERT_TRUE(x.has_value());
  // libsodium's secret key is seed || public key; the JWK carries the same public key.
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_ed25519_sk_to_pk(pk, key.secret_key.data());
  EXPECT_EQ(*x, std::string(reinterpret_cast<char*>(pk), sizeof(pk)));
  EXPECT_EQ(*x, std::string(reinterpret_cast<const char*>(key.public_key.data()), 32));
  EXPECT_EQ(jwk.dump().find(SeedOf(key)), std::string::npos);
}

TEST(SigningKeyTest, JwksListsEveryPublicKey) {
  const SigningKey current = GenerateSigningKey();
  const SigningKey previous = GenerateSigningKey();
  const nlohmann::json set = Jwks({current, previous});
  ASSERT_TRUE(set["keys"].is_array());
  ASSERT_EQ(set["keys"].size(), 2u);
  EXPECT_EQ(set["keys"][0], PublicJwk(current));
  EXPECT_EQ(set["keys"][1], PublicJwk(previous));
  EXPECT_EQ(Jwks({}), nlohmann::json({{"keys", nlohmann::json::array()}}));
}

// ---- JWT ----

TEST(JwtTest, SignVerifyRoundTrip) {
  const SigningKey key = GenerateSigningKey();
  const nlohmann::json claims = {{"hello", "wörld"}, {"n", 3}, {"list", {1, 2}}};
  const std::string jwt = SignJwt(claims, key, kVcJwtType);
  const std::vector<std::string> parts = Parts(jwt);
  ASSERT_EQ(parts.size(), 3u);
  const nlohmann::json header = nlohmann::json::parse(*Base64UrlDecode(parts[0]));
  EXPECT_EQ(header, nlohmann::json({{"alg", "EdDSA"}, {"kid", key.kid}, {"typ", "vc+jwt"}}));
  EXPECT_EQ(nlohmann::json::parse(*Base64UrlDecode(parts[1])), claims);
  EXPECT_EQ(Base64UrlDecode(parts[2])->size(), 64u);

  Result<nlohmann::json> verified = VerifyJwt(jwt, {key});
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(*verified, claims);
  EXPECT_TRUE(VerifyJwt(jwt, {key}, kVcJwtType).ok());
}

TEST(JwtTest, AnyChangedByteFails) {
  const SigningKey key = GenerateSigningKey();
  const std::string jwt = SignJwt({{"grade", "85.00"}}, key, kVcJwtType);
  const std::vector<std::string> parts = Parts(jwt);
  const std::size_t payload_start = parts[0].size() + 1;
  const std::size_t signature_start = payload_start + parts[1].size() + 1;
  for (std::size_t pos = payload_start; pos + 1 < signature_start - 1; ++pos) {
    EXPECT_EQ(VerifyJwt(Flip(jwt, pos), {key}).status().reason(), "credential.bad_signature")
        << pos;
  }
  for (std::size_t pos = signature_start; pos + 1 < jwt.size(); ++pos) {
    EXPECT_EQ(VerifyJwt(Flip(jwt, pos), {key}).status().reason(), "credential.bad_signature")
        << pos;
  }
}

TEST(JwtTest, AChangedHeaderFails) {
  const SigningKey key = GenerateSigningKey();
  std::vector<std::string> parts = Parts(SignJwt({{"a", 1}}, key, kVcJwtType));
  parts[0] =
      Base64UrlEncode(nlohmann::json({{"alg", "EdDSA"}, {"kid", key.kid}, {"typ", "JWT"}}).dump());
  EXPECT_EQ(VerifyJwt(Join(parts), {key}).status().reason(), "credential.bad_signature");
}

TEST(JwtTest, UnknownKidFails) {
  const SigningKey signer = GenerateSigningKey();
  const SigningKey other = GenerateSigningKey();
  const std::string jwt = SignJwt({{"a", 1}}, signer, kVcJwtType);
  Result<nlohmann::json> result = VerifyJwt(jwt, {other});
  EXPECT_EQ(result.status().reason(), "credential.unknown_key");
  EXPECT_EQ(result.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(VerifyJwt(jwt, {}).status().reason(), "credential.unknown_key");
  // A key that claims the signer's kid but is another key does not verify.
  SigningKey impostor = other;
  impostor.kid = signer.kid;
  EXPECT_EQ(VerifyJwt(jwt, {impostor}).status().reason(), "credential.bad_signature");
  // After a rotation the old key still verifies what it signed.
  EXPECT_TRUE(VerifyJwt(jwt, {other, signer}).ok());
}

TEST(JwtTest, OnlyEdDsaIsAccepted) {
  const SigningKey key = GenerateSigningKey();
  std::vector<std::string> parts = Parts(SignJwt({{"a", 1}}, key, kVcJwtType));
  for (const char* alg : {"none", "HS256", "RS256", "ES256", "Ed25519"}) {
    std::vector<std::string> forged = parts;
    forged[0] = Base64UrlEncode(nlohmann::json({{"alg", alg}, {"kid", key.kid}}).dump());
    EXPECT_EQ(VerifyJwt(Join(forged), {key}).status().reason(), "credential.bad_algorithm") << alg;
  }
  std::vector<std::string> unsigned_jwt = parts;
  unsigned_jwt[0] = Base64UrlEncode(R"({"alg":"none"})");
  unsigned_jwt[2] = "";
  EXPECT_EQ(VerifyJwt(Join(unsigned_jwt), {key}).status().reason(), "credential.bad_algorithm");
  std::vector<std::string> no_alg = parts;
  no_alg[0] = Base64UrlEncode(nlohmann::json({{"kid", key.kid}}).dump());
  EXPECT_EQ(VerifyJwt(Join(no_alg), {key}).status().reason(), "credential.bad_algorithm");
}

TEST(JwtTest, CriticalExtensionsAndWrongTypesAreRefused) {
  const SigningKey key = GenerateSigningKey();
  const std::string jwt = SignJwt({{"a", 1}}, key, "JWT");
  EXPECT_EQ(VerifyJwt(jwt, {key}, kVcJwtType).status().reason(), "credential.wrong_type");
  EXPECT_TRUE(VerifyJwt(jwt, {key}, "JWT").ok());

  std::vector<std::string> parts = Parts(jwt);
  parts[0] = Base64UrlEncode(
      nlohmann::json({{"alg", "EdDSA"}, {"kid", key.kid}, {"b64", false}, {"crit", {"b64"}}})
          .dump());
  EXPECT_EQ(VerifyJwt(Join(parts), {key}).status().reason(), "credential.unsupported_header");
}

TEST(JwtTest, MalformedTokensAreRefused) {
  const SigningKey key = GenerateSigningKey();
  const std::string jwt = SignJwt({{"a", 1}}, key, kVcJwtType);
  const std::vector<std::string> parts = Parts(jwt);
  const std::string header = parts[0];
  const std::vector<std::string> malformed = {
      "",
      "abc",
      "a.b",
      jwt + ".x",
      jwt + "=",
      "..",
      "!!." + parts[1] + "." + parts[2],
      Base64UrlEncode("not json") + "." + parts[1] + "." + parts[2],
      Base64UrlEncode("[1,2]") + "." + parts[1] + "." + parts[2],
      header + "." + parts[1] + "." + parts[2].substr(0, 40),
      header + "." + parts[1] + ".",
  };
  for (const std::string& token : malformed) {
    Result<nlohmann::json> result = VerifyJwt(token, {key});
    ASSERT_FALSE(result.ok()) << token;
    EXPECT_EQ(result.status().reason(), "credential.malformed") << token;
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(VerifyJwt(std::string(9u * 1024 * 1024, 'A'), {key}).status().reason(),
            "credential.malformed");
  const std::string long_header = Base64UrlEncode(
      nlohmann::json({{"alg", "EdDSA"}, {"kid", key.kid}, {"x", std::string(2000, 'x')}}).dump());
  EXPECT_EQ(VerifyJwt(long_header + "." + parts[1] + "." + parts[2], {key}).status().reason(),
            "credential.malformed");
  // A payload that is signed but is not a JSON object is still not a credential.
  const nlohmann::json array_claims = {1, 2, 3};
  EXPECT_EQ(VerifyJwt(SignJwt(array_claims, key, kVcJwtType), {key}).status().reason(),
            "credential.malformed");
}

// ---- the credential ----

TEST(DecimalTest, WritesHundredthsExactly) {
  EXPECT_EQ(DecimalE2(8500), "85.00");
  EXPECT_EQ(DecimalE2(7050), "70.50");
  EXPECT_EQ(DecimalE2(10000), "100.00");
  EXPECT_EQ(DecimalE2(5), "0.05");
  EXPECT_EQ(DecimalE2(0), "0.00");
  EXPECT_EQ(DecimalE2(8333), "83.33");
  EXPECT_EQ(DecimalE2(-150), "-1.50");
  EXPECT_EQ(DecimalE2(std::numeric_limits<std::int64_t>::max()), "92233720368547758.07");
  EXPECT_EQ(DecimalE2(std::numeric_limits<std::int64_t>::min()), "-92233720368547758.08");
}

TEST(OpenBadgeCredentialTest, HasTheMembersOpenBadgesRequires) {
  const CertificateFacts facts = SampleFacts();
  const nlohmann::json vc = OpenBadgeCredential(facts);
  EXPECT_EQ(vc["@context"], nlohmann::json::array({"https://www.w3.org/ns/credentials/v2",
                                                   "https://purl.imsglobal.org/spec/ob/v3p0/"
                                                   "context-3.0.3.json"}));
  EXPECT_EQ(vc["id"], facts.credential_id);
  EXPECT_EQ(vc["type"], nlohmann::json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(vc["name"], "Safe Food Handling");
  EXPECT_EQ(vc["issuer"]["id"], "https://school.example");
  EXPECT_EQ(vc["issuer"]["type"], nlohmann::json::array({"Profile"}));
  EXPECT_EQ(vc["issuer"]["name"], "Example School");
  EXPECT_EQ(vc["validFrom"], "2020-03-01T10:00:00Z");

  const nlohmann::json& subject = vc["credentialSubject"];
  EXPECT_EQ(subject["type"], nlohmann::json::array({"AchievementSubject"}));
  EXPECT_EQ(subject["name"], "Zoë Ångström");
  ASSERT_EQ(subject["identifier"].size(), 2u);
  EXPECT_EQ(subject["identifier"][0], nlohmann::json({{"type", "IdentityObject"},
                                                      {"identityType", "name"},
                                                      {"hashed", false},
                                                      {"identityHash", "Zoë Ångström"}}));
  EXPECT_EQ(subject["identifier"][1]["identityHash"], "Zoe Angstrom");
  EXPECT_FALSE(subject.contains("id"));
  EXPECT_FALSE(subject.contains("email"));

  const nlohmann::json& achievement = subject["achievement"];
  EXPECT_EQ(achievement["id"], "https://school.example/courses/42");
  EXPECT_EQ(achievement["type"], nlohmann::json::array({"Achievement"}));
  EXPECT_EQ(achievement["name"], "Safe Food Handling");
  EXPECT_EQ(achievement["description"], facts.course_description);
  EXPECT_EQ(achievement["criteria"]["narrative"], facts.criteria_narrative);
  EXPECT_EQ(achievement["achievementType"], "Certificate");
  EXPECT_EQ(achievement["inLanguage"], "en");
  ASSERT_EQ(achievement["resultDescription"].size(), 1u);
  const nlohmann::json& description = achievement["resultDescription"][0];
  EXPECT_EQ(description["id"], "https://school.example/courses/42#score");
  EXPECT_EQ(description["type"], nlohmann::json::array({"ResultDescription"}));
  EXPECT_EQ(description["resultType"], "Percent");
  EXPECT_EQ(description["requiredValue"], "70.00");
  EXPECT_EQ(description["valueMin"], "0.00");
  EXPECT_EQ(description["valueMax"], "100.00");
  EXPECT_TRUE(description["name"].is_string());

  ASSERT_EQ(subject["result"].size(), 1u);
  EXPECT_EQ(subject["result"][0]["type"], nlohmann::json::array({"Result"}));
  EXPECT_EQ(subject["result"][0]["value"], "85.00");
  EXPECT_EQ(subject["result"][0]["resultDescription"], description["id"]);

  ASSERT_TRUE(vc["evidence"].is_array());
  ASSERT_EQ(vc["evidence"].size(), 1u);
  EXPECT_EQ(vc["evidence"][0]["type"], nlohmann::json::array({"Evidence"}));
  EXPECT_EQ(vc["evidence"][0]["narrative"],
            "Passed the course assessment with a score of 85.00% (pass mark 70.00%).");

  EXPECT_EQ(
      vc["credentialStatus"],
      nlohmann::json({{"id", "https://school.example/credentials/status/1#94567"},
                      {"type", "BitstringStatusListEntry"},
                      {"statusPurpose", "revocation"},
                      {"statusListIndex", "94567"},
                      {"statusListCredential", "https://school.example/credentials/status/1"}}));
  EXPECT_FALSE(vc.contains("proof"));  // secured as a JWT, not with an embedded proof
}

TEST(OpenBadgeCredentialTest, ScoresAreExactAndOptionalPartsOptional) {
  CertificateFacts facts = SampleFacts();
  facts.score_percent_e2 = 8333;
  facts.pass_mark_percent_e2 = 6667;
  facts.learner_name_latin.reset();
  facts.evidence_narrative = "Prova final aprovada.";
  const nlohmann::json vc = OpenBadgeCredential(facts);
  EXPECT_EQ(vc["credentialSubject"]["result"][0]["value"], "83.33");
  EXPECT_EQ(vc["credentialSubject"]["achievement"]["resultDescription"][0]["requiredValue"],
            "66.67");
  EXPECT_EQ(vc["credentialSubject"]["identifier"].size(), 1u);
  EXPECT_EQ(vc["evidence"][0]["narrative"], "Prova final aprovada.");
  // A Latin form equal to the name adds nothing.
  facts.learner_name_latin = facts.learner_name;
  EXPECT_EQ(OpenBadgeCredential(facts)["credentialSubject"]["identifier"].size(), 1u);
}

TEST(StatusListCredentialTest, HasTheRecommendationsShape) {
  StatusList list;
  ASSERT_TRUE(list.Set(94567, true).ok());
  const nlohmann::json vc =
      StatusListCredential("https://school.example/credentials/status/1", "https://school.example",
                           "2020-03-02T00:00:00Z", list);
  EXPECT_EQ(vc["@context"], nlohmann::json::array({"https://www.w3.org/ns/credentials/v2"}));
  EXPECT_EQ(vc["id"], "https://school.example/credentials/status/1");
  EXPECT_EQ(vc["type"],
            nlohmann::json::array({"VerifiableCredential", "BitstringStatusListCredential"}));
  EXPECT_EQ(vc["issuer"], "https://school.example");
  EXPECT_EQ(vc["validFrom"], "2020-03-02T00:00:00Z");
  const nlohmann::json& subject = vc["credentialSubject"];
  EXPECT_EQ(subject["id"], "https://school.example/credentials/status/1#list");
  EXPECT_EQ(subject["type"], "BitstringStatusList");
  EXPECT_EQ(subject["statusPurpose"], "revocation");
  std::optional<StatusList> back = StatusList::Decode(subject["encodedList"].get<std::string>());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, list);
}

TEST(EndToEndTest, SignedCertificateIsRevokedThroughItsStatusList) {
  const SigningKey key = GenerateSigningKey();
  StatusList used;
  Result<std::int64_t> index = RandomFreeIndex(used);
  ASSERT_TRUE(index.ok());
  ASSERT_TRUE(used.Set(*index, true).ok());

  CertificateFacts facts = SampleFacts();
  facts.status_list_index = *index;
  const std::string credential_jwt = SignJwt(OpenBadgeCredential(facts), key, kVcJwtType);

  StatusList revoked;
  const std::string before = SignJwt(
      StatusListCredential(facts.status_list_url, facts.issuer_id, facts.issued_at, revoked), key,
      kVcJwtType);
  ASSERT_TRUE(revoked.Set(*index, true).ok());
  const std::string after = SignJwt(
      StatusListCredential(facts.status_list_url, facts.issuer_id, facts.issued_at, revoked), key,
      kVcJwtType);

  // What a verifier does: check the credential, follow its status entry, read the bit.
  Result<nlohmann::json> vc = VerifyJwt(credential_jwt, {key}, kVcJwtType);
  ASSERT_TRUE(vc.ok());
  const nlohmann::json& entry = (*vc)["credentialStatus"];
  const std::int64_t position = std::stoll(entry["statusListIndex"].get<std::string>());
  EXPECT_EQ(position, *index);
  for (const auto& [jwt, expected] : {std::pair{before, false}, std::pair{after, true}}) {
    Result<nlohmann::json> list_vc = VerifyJwt(jwt, {key}, kVcJwtType);
    ASSERT_TRUE(list_vc.ok());
    EXPECT_EQ((*list_vc)["id"], entry["statusListCredential"]);
    EXPECT_EQ((*list_vc)["credentialSubject"]["statusPurpose"], entry["statusPurpose"]);
    std::optional<StatusList> bits =
        StatusList::Decode((*list_vc)["credentialSubject"]["encodedList"].get<std::string>());
    ASSERT_TRUE(bits.has_value());
    EXPECT_EQ(bits->Get(position), expected);
  }
}

}  // namespace
}  // namespace bsg::course
