# mistake: Selects features on all the data (labels included) before cross-validating: leakage.
# expect-status: failed
# expect-message: test folds leaked into training
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline(k):
    return Pipeline([("scale", StandardScaler()), ("select", SelectKBest(f_classif, k=k)),
                     ("model", LogisticRegression(max_iter=1000))])


def cv_accuracy(X, y, k, n_splits, seed):
    # Selects the features on all the data, labels included, then cross-validates: leakage.
    X_selected = SelectKBest(f_classif, k=k).fit_transform(StandardScaler().fit_transform(X), y)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return float(cross_val_score(LogisticRegression(max_iter=1000), X_selected, y, cv=folds).mean())
