//! Parameters of a CooRTweet run.

use crate::Error;

/// Parameters of `detect_groups` and `generate_coordinated_network`, with CooRTweet's names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Two shares of one object pair when their times differ by at most this many seconds
    /// (inclusive).
    pub time_window: f64,
    /// Minimum number of rows an account needs, both before pairing and among the paired
    /// contents, to take part.
    pub min_participation: usize,
    /// Quantile (0 to 1) of the edge weights that an edge's weight must strictly exceed to be
    /// flagged by `weight_threshold`.
    pub edge_weight: f64,
    /// Drop pairs of one account with itself, of one content with itself, and pairs where the
    /// object is one of the contents (CooRTweet's `remove_loops`).
    pub remove_loops: bool,
}

impl Default for Params {
    /// CooRTweet's defaults: a 10-second window, participation 2, median weight, loops removed.
    fn default() -> Self {
        Self {
            time_window: 10.0,
            min_participation: 2,
            edge_weight: 0.5,
            remove_loops: true,
        }
    }
}

impl Params {
    /// Checks that `time_window` is a finite, non-negative number and `edge_weight` lies in
    /// `[0, 1]`, as CooRTweet requires.
    pub fn validate(&self) -> Result<(), Error> {
        if !(self.time_window.is_finite() && self.time_window >= 0.0) {
            return Err(Error::InvalidParameter(format!(
                "time_window must be a finite number of seconds >= 0, got {}",
                self.time_window
            )));
        }
        check_edge_weight(self.edge_weight)
    }
}

/// Checks that an edge-weight quantile lies in `[0, 1]`.
pub(crate) fn check_edge_weight(edge_weight: f64) -> Result<(), Error> {
    if (0.0..=1.0).contains(&edge_weight) {
        Ok(())
    } else {
        Err(Error::InvalidParameter(format!(
            "edge_weight must be between 0 and 1, got {edge_weight}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(Params::default().validate().is_ok());
    }

    #[test]
    fn rejects_out_of_range_values() {
        let base = Params::default();
        for bad in [
            Params {
                time_window: -1.0,
                ..base
            },
            Params {
                time_window: f64::NAN,
                ..base
            },
            Params {
                time_window: f64::INFINITY,
                ..base
            },
            Params {
                edge_weight: 1.5,
                ..base
            },
            Params {
                edge_weight: f64::NAN,
                ..base
            },
        ] {
            assert!(
                matches!(bad.validate(), Err(Error::InvalidParameter(_))),
                "{bad:?}"
            );
        }
    }
}
