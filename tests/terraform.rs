//! Human reports for each way a Terraform trust policy is written: heredocs (also `<<-` and
//! CRLF with non-ASCII text), `jsonencode`, policy documents with escapes, `.tf.json`, local
//! and registry modules, templates and plans. The help line shows the fix in the form the
//! policy was written in.

mod common;

use std::path::Path;

fn report(case: &str) -> String {
    let dir = Path::new("testdata/repos").join(case);
    let outcome = common::lint(&[&dir]);
    assert!(!outcome.findings.is_empty(), "{case} has findings");
    common::human(&outcome)
}

macro_rules! snapshot {
    ($($name:ident => $case:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(report($case));
            }
        )*
    };
}

snapshot! {
    forms => "tf-forms",
    heredoc_crlf_non_ascii => "tf-hd-crlf-nonascii",
    heredoc_indented_crlf => "tf-hd-crlf-dash-id-nonascii-sameline",
    jsonencode_crlf => "tf-je-crlf-weak-and-tag",
    policy_document_escapes => "tf-pd-escapes-tl003",
    terraform_json => "tf-json",
    module_called_twice => "tf-mod-twice-different-inputs",
    registry_module_affected_release => "tf-reg-v5-pinned-5200-affected",
    templatefile => "tf-tmpl-vars-escape",
    plan_minified => "tf-plan-minified-nested",
}
