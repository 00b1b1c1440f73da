# The role a GitHub Actions workflow assumes with its OIDC token to run cloudtrail-audit, with one inline policy
# per source it reads, and the GitHub OIDC provider when the account has none.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  partition    = data.aws_partition.current.partition
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.name
  oidc_host    = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.oidc_host}"

  # The only subject GitHub's token may carry: one branch of one repository, or one of its environments.
  subject = var.github_environment != "" ? "repo:${var.github_repository}:environment:${var.github_environment}" : "repo:${var.github_repository}:ref:refs/heads/${var.github_branch}"

  trail_logs   = var.trail_prefix != "" ? "${var.trail_prefix}/AWSLogs/" : "AWSLogs/"
  read_trail   = var.trail_bucket != ""
  use_athena   = var.athena_workgroup != ""
  results_keys = var.athena_results_prefix != "" ? "${var.athena_results_prefix}/*" : "*"
  glue_resources = [
    "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog",
    "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${var.athena_database}",
    "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${var.athena_database}/${var.athena_table}",
  ]
}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
  # IAM no longer checks the thumbprint for GitHub (it trusts its own CA store), but older providers want one.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
  tags            = var.tags
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "GitHubActionsOIDC"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [local.subject]
    }
  }
}

resource "aws_iam_role" "audit" {
  name                 = var.role_name
  description          = "cloudtrail-audit, assumed by GitHub Actions in ${var.github_repository}"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

data "aws_iam_policy_document" "lookup_events" {
  statement {
    sid     = "LookupEvents"
    effect  = "Allow"
    actions = ["cloudtrail:LookupEvents"]
    # LookupEvents supports no resource-level permissions: "*" is the only resource it accepts.
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "lookup_events" {
  count  = var.allow_lookup_events ? 1 : 0
  name   = "cloudtrail-lookup-events"
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.lookup_events.json
}

data "aws_iam_policy_document" "trail_bucket" {
  statement {
    sid       = "ListTrailPrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${var.trail_bucket}"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.trail_logs}*"]
    }
  }

  statement {
    sid       = "ReadTrailLogs"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${var.trail_bucket}/${local.trail_logs}*"]
  }

  dynamic "statement" {
    for_each = var.trail_kms_key_arn != "" ? [var.trail_kms_key_arn] : []
    content {
      sid = "DecryptTrailLogs"
      # S3 calls KMS with the role's rights when the role reads an SSE-KMS object.
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "trail_bucket" {
  count  = local.read_trail ? 1 : 0
  name   = "cloudtrail-trail-bucket"
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.trail_bucket.json
}

data "aws_iam_policy_document" "athena" {
  statement {
    sid    = "RunQueries"
    effect = "Allow"
    actions = [
      "athena:StartQueryExecution",
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:StopQueryExecution",
    ]
    resources = ["arn:${local.partition}:athena:${local.region}:${local.account_id}:workgroup/${var.athena_workgroup}"]
  }

  # The source reads the table's columns, partitions and projection (GetTableMetadata; Glue GetTable behind it).
  statement {
    sid       = "ReadTableMetadata"
    effect    = "Allow"
    actions   = ["athena:GetTableMetadata"]
    resources = ["arn:${local.partition}:athena:${local.region}:${local.account_id}:datacatalog/AwsDataCatalog"]
  }

  statement {
    sid       = "ReadTableDefinition"
    effect    = "Allow"
    actions   = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"]
    resources = local.glue_resources
  }

  dynamic "statement" {
    for_each = var.athena_create_table ? [1] : []
    content {
      sid    = "CreateTable"
      effect = "Allow"
      # UpdateTable: ALTER TABLE ... SET TBLPROPERTIES adds accounts and Regions to the projection.
      actions   = ["glue:CreateTable", "glue:UpdateTable"]
      resources = local.glue_resources
    }
  }

  statement {
    sid       = "ResultsBucket"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${var.athena_results_bucket}"]
  }

  statement {
    sid       = "ResultsObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["arn:${local.partition}:s3:::${var.athena_results_bucket}/${local.results_keys}"]
  }

  statement {
    sid       = "TrailBucketLocation"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = ["arn:${local.partition}:s3:::${var.trail_bucket}"]
  }
}

resource "aws_iam_role_policy" "athena" {
  count  = local.use_athena ? 1 : 0
  name   = "cloudtrail-athena"
  role   = aws_iam_role.audit.id
  policy = data.aws_iam_policy_document.athena.json

  lifecycle {
    precondition {
      condition     = var.athena_database != "" && var.athena_table != "" && var.athena_results_bucket != "" && local.read_trail
      error_message = "athena_workgroup needs athena_database, athena_table, athena_results_bucket and trail_bucket (Athena reads the trail with the role's rights)."
    }
  }
}
