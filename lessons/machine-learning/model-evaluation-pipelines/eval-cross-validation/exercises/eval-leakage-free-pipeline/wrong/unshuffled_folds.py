# mistake: Passes cv=n_splits, which gives unshuffled folds and silently ignores the seed.
# expect-status: failed
# expect-message: shuffle=True
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline(k):
    return Pipeline([("scale", StandardScaler()), ("select", SelectKBest(f_classif, k=k)),
                     ("model", LogisticRegression(max_iter=1000))])


def cv_accuracy(X, y, k, n_splits, seed):
    # cv=n_splits gives unshuffled stratified folds: seed is silently ignored.
    return float(cross_val_score(build_pipeline(k), X, y, cv=n_splits).mean())
