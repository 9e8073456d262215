//! `setter!`: one chainable builder method per construct field.
//!
//! Forms:
//! - `setter!(field: Type)` takes the value as is;
//! - `setter!(field: into Type)` takes anything `Into<Type>`;
//! - `setter!(field: some Type)` fills an `Option<Type>` field from `Into<Type>`;
//! - `setter!(field: list Type)` replaces a `Vec<Type>` field from any iterator of `Into<Type>`.

macro_rules! setter {
    ($field:ident: into $t:ty) => {
        #[doc = concat!("Sets `", stringify!($field), "` (see the field of the same name).")]
        #[must_use]
        pub fn $field(mut self, value: impl Into<$t>) -> Self {
            self.$field = value.into();
            self
        }
    };
    ($field:ident: some $t:ty) => {
        #[doc = concat!("Sets `", stringify!($field), "` (see the field of the same name).")]
        #[must_use]
        pub fn $field(mut self, value: impl Into<$t>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    ($field:ident: list $t:ty) => {
        #[doc = concat!("Replaces `", stringify!($field), "` (see the field of the same name).")]
        #[must_use]
        pub fn $field<I>(mut self, values: I) -> Self
        where
            I: IntoIterator,
            I::Item: Into<$t>,
        {
            self.$field = values.into_iter().map(Into::into).collect();
            self
        }
    };
    ($field:ident: $t:ty) => {
        #[doc = concat!("Sets `", stringify!($field), "` (see the field of the same name).")]
        #[must_use]
        pub fn $field(mut self, value: $t) -> Self {
            self.$field = value;
            self
        }
    };
}

pub(crate) use setter;
