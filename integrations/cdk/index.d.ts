// Types for TypeScript apps. Structural, so that this package does not depend on aws-cdk-lib:
// a TrustlintValidator is an IPolicyValidationPluginBeta1 (App's policyValidationBeta1) and an
// IPolicyValidationPlugin (Validations.of(app).addPlugins()).

export interface TrustlintValidatorOptions {
  /** The trustlint executable. @default env TRUSTLINT_BIN, else `trustlint` on PATH */
  readonly binary?: string;
  /** A trustlint.toml to use, or false for none. @default the one `trustlint lint cdk.out` would find */
  readonly config?: string | false;
  /** Rules to enable (`--select`), by code or name. */
  readonly select?: string[];
  /** Rules to disable (`--ignore`), by code or name. */
  readonly ignore?: string[];
  /** Fail synthesis on warnings too (`--deny-warnings`). @default false */
  readonly denyWarnings?: boolean;
  /** Further `trustlint lint` arguments. */
  readonly extraArgs?: string[];
  /** Also lint the templates of nested stacks. @default true */
  readonly nestedStacks?: boolean;
}

export interface TrustlintViolatingResource {
  readonly resourceLogicalId: string;
  readonly templatePath: string;
  readonly locations: string[];
}

export interface TrustlintViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly fix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: { readonly [key: string]: string };
  readonly violatingResources: TrustlintViolatingResource[];
}

export interface TrustlintReport {
  readonly success: boolean;
  readonly violations: TrustlintViolation[];
  readonly pluginVersion?: string;
  readonly metadata?: { readonly [key: string]: string };
}

export declare class TrustlintValidator {
  constructor(options?: TrustlintValidatorOptions);
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];
  validate(context: { readonly templatePaths: string[] }): TrustlintReport;
}

/** The rule codes trustlint reports. */
export declare const RULE_IDS: string[];
/** The fix text of each rule code. */
export declare const FIXES: { readonly [code: string]: string };
/** trustlint JSON findings → violations (exposed for tests). */
export declare function violationsFromFindings(
  findings: object[],
  templateOf: (file: string) => { templatePath: string; text: string } | undefined,
  describe?: (message: string) => string,
): TrustlintViolation[];
