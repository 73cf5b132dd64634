// The certificate's Open Badges 3.0 credential and the revocation list, checked against the real
// server with libraries that share no code with it: jose verifies the VC-JWTs with the published
// JWK Set, and @digitalbazaar/vc-bitstring-status-list reads the W3C Bitstring Status List. The
// demo admin builds a one-module course with a two-question assessment through the API, a
// learner earns the certificate, the credential verifies and its bit is 0; after the admin
// revokes it, the bit is 1. A credential changed after signing does not verify.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { calculateJwkThumbprint, createLocalJWKSet, jwtVerify } from 'jose';
import { useServer } from './lib/server.mjs';

const LEARNER = { email: 'cred.learner@example.org', password: 'Amber-Falcon-Ridge-73', name: 'Zoë Ångström' };

// A signed-in client over fetch: the session cookie, and the CSRF token on writes.
async function signInApi(url, { email, password }) {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = (await response.json()).csrf_token;
  const cookie = cookies.join('; ');
  return async (method, path, body, type = 'application/json') => {
    const headers = { Cookie: cookie };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = type;
    const r = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await r.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, text, json };
  };
}

function flip(text, at) {
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

describe('certificate credentials', () => {
  const server = useServer({ seed: true });

  it('verify with independent libraries, valid before revocation and revoked after', async () => {
    const { url, admin } = server();
    const asAdmin = await signInApi(url, admin);

    const course = await asAdmin('POST', '/api/courses', { code: 'cred-test', title: 'Credential test course' });
    assert.equal(course.status, 201, course.text);
    const courseId = course.json.course_id;
    const module = await asAdmin('POST', `/api/courses/${courseId}/modules`, {
      position: 1,
      texts: { en: { title: 'The only module', body_markdown: 'Read me.' } },
    });
    assert.equal(module.status, 201, module.text);
    const moduleId = module.json.modules[0].module_id;
    const gift = [
      '$CATEGORY: $course$/top/Credential test',
      '',
      '::One::Which Recommendation sets out the working methods?{=A.1 ~X.509 ~G.711}',
      '',
      '::Two::Who may submit a contribution?{=A member ~Anyone ~Nobody}',
      '',
    ].join('\n');
    const imported = await asAdmin('POST', '/api/questions/import?format=gift&file_name=t.txt', gift, 'text/plain');
    assert.equal(imported.status, 201, imported.text);
    const quiz = await asAdmin('POST', '/api/quizzes', {
      course_id: courseId,
      title: 'Assessment',
      slots: imported.json.question_ids.map((id) => ({ question_id: id, mark: 1 })),
    });
    assert.equal(quiz.status, 201, quiz.text);
    const user = await asAdmin('POST', '/api/users', {
      email: LEARNER.email,
      display_name: LEARNER.name,
      roles: ['delegate'],
      password: LEARNER.password,
    });
    assert.equal(user.status, 201, user.text);

    const asLearner = await signInApi(url, LEARNER);
    assert.equal((await asLearner('POST', `/api/courses/${courseId}/enrolment`, { language: 'en' })).status, 201);
    const attempt = await asLearner('POST', `/api/quizzes/${quiz.json.quiz_id}/attempts`, {});
    assert.equal(attempt.status, 201, attempt.text);
    for (const q of attempt.json.questions) {
      const right = q.question.choices.find((c) => ['A.1', 'A member'].includes(c.text.text));
      const saved = await asLearner('PUT', `/api/attempts/${attempt.json.attempt_id}/answers/${q.position}`, {
        answer_id: `a${q.position}`,
        response: { choice: right.index },
      });
      assert.equal(saved.status, 200, saved.text);
    }
    const submitted = await asLearner('POST', `/api/attempts/${attempt.json.attempt_id}/submit`, {});
    assert.equal(submitted.json.score, '100.00%');
    const visited = await asLearner('POST', `/api/courses/${courseId}/modules/${moduleId}/visit`, {});
    const code = visited.json.certificate?.code;
    assert.ok(code, `no certificate after completing: ${visited.text}`);

    // The keys: Ed25519, public only, named by their RFC 7638 thumbprint.
    const jwks = await (await fetch(`${url}/api/credentials/keys`)).json();
    assert.ok(jwks.keys.length >= 1);
    for (const jwk of jwks.keys) {
      assert.equal(jwk.kty, 'OKP');
      assert.equal(jwk.crv, 'Ed25519');
      assert.equal(jwk.d, undefined);
      assert.equal(jwk.kid, await calculateJwkThumbprint(jwk, 'sha256'));
    }
    const keySet = createLocalJWKSet(jwks);
    const verify = (jwt) => jwtVerify(jwt, keySet, { algorithms: ['EdDSA'], typ: 'vc+jwt' });

    const credentialResponse = await fetch(`${url}/api/certificates/${code}/credential`);
    assert.equal(credentialResponse.status, 200);
    assert.match(credentialResponse.headers.get('content-type') ?? '', /^application\/vc\+jwt/);
    const credentialJwt = await credentialResponse.text();
    const { payload: credential } = await verify(credentialJwt);
    assert.ok(credential.type.includes('OpenBadgeCredential'));
    assert.equal(credential.credentialSubject.name, LEARNER.name);
    assert.equal(credential.credentialSubject.result[0].value, '100.00');
    assert.ok(!credentialJwt.includes(Buffer.from(LEARNER.email).toString('base64url')));
    const [header, body, signature] = credentialJwt.split('.');
    await assert.rejects(verify([header, flip(body, Math.floor(body.length / 2)), signature].join('.')));
    await assert.rejects(verify([header, body, flip(signature, 10)].join('.')));

    const entry = credential.credentialStatus;
    assert.equal(entry.type, 'BitstringStatusListEntry');
    assert.equal(entry.statusPurpose, 'revocation');
    assert.equal(entry.statusListCredential, `${new URL(entry.statusListCredential).origin}/api/credentials/status-list`);
    const index = Number.parseInt(entry.statusListIndex, 10);
    const revoked = async () => {
      const jwt = await (await fetch(`${url}/api/credentials/status-list`)).text();
      const { payload } = await verify(jwt);
      assert.equal(payload.id, entry.statusListCredential);
      assert.ok(payload.type.includes('BitstringStatusListCredential'));
      const list = await decodeList({ encodedList: payload.credentialSubject.encodedList });
      assert.ok(list.length >= 131072);
      return list.getStatus(index);
    };
    assert.equal(await revoked(), false);

    const revocation = await asAdmin('POST', `/api/certificates/${code}/revoke`, { reason: 'Issued in a test' });
    assert.equal(revocation.status, 200, revocation.text);
    assert.equal(await revoked(), true);
    const page = await (await fetch(`${url}/api/certificates/${code}`)).json();
    assert.equal(page.status, 'revoked');
  });
});
