//! Codes as PostgreSQL `text`: written with their `as_str`, read with their `FromStr`. A value
//! the enum does not know fails to decode — the query returns an error naming it — instead of
//! turning into some default.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

use crate::readiness::{RehearsalKind, RunState, SignoffDecision};
use crate::rehearsal::RunReason;

/// Implements `Type`, `Encode` and `Decode` for PostgreSQL as `text` for types with `as_str`
/// and a `FromStr` whose error is a `std::error::Error`.
macro_rules! text_code {
    ($($code:ty),+ $(,)?) => {
        $(
            impl Type<Postgres> for $code {
                fn type_info() -> PgTypeInfo {
                    <str as Type<Postgres>>::type_info()
                }

                fn compatible(ty: &PgTypeInfo) -> bool {
                    <str as Type<Postgres>>::compatible(ty)
                }
            }

            impl Encode<'_, Postgres> for $code {
                fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                    <&str as Encode<'_, Postgres>>::encode(self.as_str(), buf)
                }
            }

            impl<'r> Decode<'r, Postgres> for $code {
                fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                    let code = <&str as Decode<'r, Postgres>>::decode(value)?;
                    Ok(code.parse::<$code>()?)
                }
            }
        )+
    };
}

text_code!(RehearsalKind, RunState, RunReason, SignoffDecision);
