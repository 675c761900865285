"""Checks for eval-leakage-free-pipeline: the pipeline, the CV estimate, and chance on noise."""

import functools

import numpy as np
from sklearn.datasets import load_breast_cancer

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()


@functools.cache
def breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """Breast cancer data (569 x 30) in a seeded shuffled order."""
    X, y = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(y))
    return X[order], y[order]


@functools.cache
def noise() -> tuple[np.ndarray, np.ndarray]:
    """60 samples of 2000 noise features and balanced labels unrelated to them."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2000))
    y = rng.permutation(np.repeat([0, 1], 30))
    return X, y


@functools.cache
def reference_predictions(ref, k: int) -> np.ndarray:
    """The reference pipeline's held-out predictions (fitted once per process, not per attempt)."""
    X, y = breast_cancer()
    return ref.build_pipeline(k).fit(X[:400], y[:400]).predict(X[400:])


@functools.cache
def reference_cv(ref, data: str, k: int, folds: int, seed: int) -> float:
    """The reference cross-validated accuracy on ``data`` ("noise" or "cancer"), cached."""
    X, y = noise() if data == "noise" else breast_cancer()
    return float(ref.cv_accuracy(X, y, k, folds, seed))


@checks.test(
    "build_pipeline(k) returns an unfitted scaler -> SelectKBest -> logistic regression", points=2
)
def pipeline_predictions(t):
    X, y = breast_cancer()
    X_train, y_train, X_test = X[:400], y[:400], X[400:]
    for k in (3, 12):
        # The learner's pipeline stays in the sandbox; fit and predict are calls on it, and the
        # predictions come back as data to be compared here.
        try:
            model = t.call("build_pipeline", k, keep=True)
            try:
                model.get("n_features_in_")
                fitted_before = True
            except LearnerRaised:
                fitted_before = False
            expect(
                not fitted_before,
                f"build_pipeline({k}) returned a model that is already fitted. Return it "
                "unfitted: cross-validation must fit it inside each fold.",
            )
            model.call("fit", X_train, y_train, keep=True)
            predictions = model.call("predict", X_test)
        except LearnerRaised as err:
            raise Fail(
                f"build_pipeline({k}) should return a scikit-learn estimator with fit and "
                f"predict; using it raised {err.type_name}: {err.message}"
            ) from None
        expected = reference_predictions(t.ref, k)
        got = np.asarray(predictions)
        wrong = int(np.sum(got != expected)) if got.shape == expected.shape else len(expected)
        expect(
            wrong == 0,
            f"build_pipeline({k}) fitted on 400 breast-cancer samples predicts {wrong} of 169 "
            "held-out samples differently from the pipeline of the prompt. Check the three "
            "steps, their order and their parameters.",
        )


@checks.test(
    "On random noise the cross-validated accuracy stays near chance (no leakage)", points=3
)
def chance_on_noise(t):
    X, y = noise()
    got = t.call("cv_accuracy", X, y, 20, 5, 0)
    value = float(np.asarray(got, dtype=float).reshape(()))
    expect(
        value <= 0.75,
        f"cv_accuracy on 60 samples of pure noise (2000 features, k=20, 5 folds) is "
        f"{value:.2f}, but there is nothing to learn: the estimate is optimistic. Either "
        "information from the test folds leaked into training (fit feature selection and "
        "scaling inside each fold, on its training part only), or the accuracy was measured "
        "on data the model was fitted on (score each fold's test part).",
    )
    expect_close(
        value,
        reference_cv(t.ref, "noise", 20, 5, 0),
        what="cv_accuracy on the noise data (k=20, 5 folds, seed 0)",
        rtol=1e-9,
    )


@checks.test(
    "cv_accuracy on breast cancer matches the reference (k = 5 and 10; two seeds)", points=2
)
def breast_cancer_estimate(t):
    X, y = breast_cancer()
    for k, seed in ((5, 0), (10, 3)):
        got = t.call("cv_accuracy", X, y, k, 5, seed)
        expect_close(
            got,
            reference_cv(t.ref, "cancer", k, 5, seed),
            what=f"cv_accuracy on breast cancer with k={k}, 5 folds, seed={seed} (use "
            "StratifiedKFold with shuffle=True and random_state=seed)",
            rtol=1e-9,
        )
