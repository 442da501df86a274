//! How long each stage took, for `build --timings` and the benchmarks.

/// Wall-clock time per stage, for `build --timings` and the benchmarks.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Stages one after another, in order.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// Work that ran beside the stages (Pagefind, tantivy): not added to
    /// the total.
    pub beside: Vec<(&'static str, std::time::Duration)>,
    /// The whole build, from start to written, when known.
    pub wall: Option<std::time::Duration>,
}

impl Timings {
    pub fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let result = work();
        self.stages.push((stage, start.elapsed()));
        result
    }

    /// One line per stage with its share of the wall time (or, when that
    /// is unknown, of the stages' sum), then the work that ran beside them,
    /// whose shares overlap the stages'.
    pub fn report(&self) -> String {
        let sum: f64 = self.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
        let total = self.wall.map_or(sum, |w| w.as_secs_f64());
        let share = |secs: f64| {
            if total > 0.0 {
                100.0 * secs / total
            } else {
                0.0
            }
        };
        let mut out = String::new();
        for (stage, d) in &self.stages {
            let secs = d.as_secs_f64();
            out.push_str(&format!(
                "{stage:>22}  {secs:8.3} s  {:5.1} %\n",
                share(secs)
            ));
        }
        for (stage, d) in &self.beside {
            let secs = d.as_secs_f64();
            out.push_str(&format!(
                "{:>22}  {secs:8.3} s  {:5.1} %  (beside)\n",
                stage,
                share(secs)
            ));
        }
        out.push_str(&format!("{:>22}  {total:8.3} s\n", "total"));
        out
    }
}

/// A result and how long it took to get.
#[derive(Debug)]
pub struct Timed<T> {
    pub value: T,
    pub took: std::time::Duration,
}

/// Runs `work`, timing it.
pub fn timed<T>(work: impl FnOnce() -> T) -> Timed<T> {
    let start = std::time::Instant::now();
    let value = work();
    Timed {
        value,
        took: start.elapsed(),
    }
}
