output "role_arn" {
  description = "The action's role-to-assume."
  value       = aws_iam_role.audit.arn
}

output "oidc_provider_arn" {
  description = "The GitHub OIDC provider the role trusts."
  value       = local.provider_arn
}

output "subject" {
  description = "The only OIDC subject (sub claim) the role accepts."
  value       = local.subject
}
