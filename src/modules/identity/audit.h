// The identity module's side of the audit history: it owns the audit_event table and implements
// the platform's AuditRecorder (platform/audit.h), through which every module records its
// changes. Reading the history is IdentityService::ListAudit (GET /api/audit).
//
// Secrets never belong in before/after; as a safety net the recorder replaces the values of keys
// that name one (password, password_hash, token, token_hash, csrf_token, secret, ...) with
// "[redacted]", at any depth.
//
// Thread-safety: the recorder is stateless; RegisterAuditRecorder may be called from any thread.
#ifndef BSG_MODULES_IDENTITY_AUDIT_H_
#define BSG_MODULES_IDENTITY_AUDIT_H_

namespace bsg::identity {

// Makes identity's recorder (one object for the life of the process) the platform's audit
// recorder. Idempotent. The identity module's factory calls it, so `bsg serve` and every `bsg`
// command record through it; tests that record changes without the module list call it first.
void RegisterAuditRecorder();

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_AUDIT_H_
