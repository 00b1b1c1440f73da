variable "github_repository" {
  description = "The repository whose workflow runs the audit, as OWNER/REPO."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/REPO."
  }
}

variable "github_branch" {
  description = "The branch whose workflow runs may assume the role (scheduled workflows run on the default branch). Ignored when github_environment is set."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9_./-]+$", var.github_branch))
    error_message = "github_branch must be a branch name, without wildcards."
  }
}

variable "github_environment" {
  description = "A GitHub environment the audit job uses; when set, only jobs in that environment may assume the role, whatever the branch."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[A-Za-z0-9_. -]*$", var.github_environment))
    error_message = "github_environment must be an environment name, without wildcards."
  }
}

variable "create_oidc_provider" {
  description = "Create the IAM OIDC provider for token.actions.githubusercontent.com; false when the account has one already (there can be only one)."
  type        = bool
  default     = true
}

variable "role_name" {
  description = "Name of the role (its ARN is the action's role-to-assume)."
  type        = string
  default     = "cloudtrail-audit"
}

variable "allow_lookup_events" {
  description = "Allow cloudtrail:LookupEvents (source: lookup-events, the action's default source)."
  type        = bool
  default     = true
}

variable "trail_bucket" {
  description = "The trail bucket (source: s3 or athena); empty for no S3 access."
  type        = string
  default     = ""
}

variable "trail_prefix" {
  description = "The trail's key prefix, the part of the keys before AWSLogs/ (no slash at either end); empty when the keys start with AWSLogs/."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([^/*?]+(/[^/*?]+)*)?$", var.trail_prefix))
    error_message = "trail_prefix must have no slash at either end and no wildcard."
  }
}

variable "trail_kms_key_arn" {
  description = "The ARN of the KMS key the trail encrypts its log files with (SSE-KMS); empty when it does not."
  type        = string
  default     = ""
}

variable "athena_workgroup" {
  description = "The Athena workgroup the queries run in (source: athena); empty for no Athena access."
  type        = string
  default     = ""
}

variable "athena_database" {
  description = "The Glue database of the CloudTrail table (with athena_workgroup)."
  type        = string
  default     = ""
}

variable "athena_table" {
  description = "The CloudTrail table (with athena_workgroup)."
  type        = string
  default     = ""
}

variable "athena_results_bucket" {
  description = "The bucket of the Athena query result location (with athena_workgroup)."
  type        = string
  default     = ""
}

variable "athena_results_prefix" {
  description = "The key prefix of the query result location (no slash at either end); empty for the whole bucket."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([^/*?]+(/[^/*?]+)*)?$", var.athena_results_prefix))
    error_message = "athena_results_prefix must have no slash at either end and no wildcard."
  }
}

variable "athena_create_table" {
  description = "Allow glue:CreateTable and glue:UpdateTable on the table (the action's athena-create-table)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the role and the OIDC provider."
  type        = map(string)
  default     = {}
}
